/**
 * The /replay page's list of connections: a filter (Wireshark-like words) and a choice of kind above
 * a table that shows one page of rows at a time, so a capture with thousands of connections draws
 * as fast as one with ten. Rows come from the worker; judged ones show their final states.
 */
import type { LangStore } from '../i18n/lang';
import { el, replaceChildren, setText, uid } from '../ui/dom';
import { durationText, matchesFilter, pageOf, type ConnectionRow, type RowKind } from './connection-list';

export const PAGE_SIZE = 50;

export class ConnectionTable {
  readonly root: HTMLElement;
  private readonly filter: HTMLInputElement;
  private readonly kind: HTMLSelectElement;
  private readonly body: HTMLTableSectionElement;
  private readonly head: HTMLTableRowElement;
  private readonly shown: HTMLElement;
  private readonly pager: HTMLElement;
  private readonly filterLabel: HTMLLabelElement;
  private readonly kindLabel: HTMLLabelElement;
  private rows: ConnectionRow[] = [];
  private page = 0;

  constructor(
    private readonly lang: LangStore,
    private readonly onOpen: (stream: number) => void,
  ) {
    const filterId = uid('cap-filter');
    const kindId = uid('cap-kind');
    this.filter = el('input', {
      id: filterId,
      attrs: { type: 'search', 'data-testid': 'cap-filter', autocomplete: 'off', spellcheck: 'false' },
      on: {
        input: () => {
          this.page = 0;
          this.render();
        },
      },
    });
    this.kind = el('select', {
      id: kindId,
      attrs: { 'data-testid': 'cap-kind' },
      on: {
        change: () => {
          this.page = 0;
          this.render();
        },
      },
    });
    this.filterLabel = el('label', { attrs: { for: filterId } });
    this.kindLabel = el('label', { attrs: { for: kindId } });
    this.head = el('tr');
    this.body = el('tbody');
    this.shown = el('p', {
      class: 'cap-shown',
      attrs: { 'data-testid': 'cap-shown', 'aria-live': 'polite' },
    });
    this.pager = el('div', { class: 'cap-pager' });
    this.root = el(
      'section',
      { class: 'card cap-list', attrs: { 'data-testid': 'cap-list' } },
      el(
        'div',
        { class: 'cap-filters' },
        el('div', { class: 'cap-field cap-field-wide' }, this.filterLabel, this.filter),
        el('div', { class: 'cap-field' }, this.kindLabel, this.kind),
      ),
      this.shown,
      el(
        'div',
        { class: 'cap-table-wrap' },
        el('table', { class: 'cap-table' }, el('thead', {}, this.head), this.body),
      ),
      this.pager,
    );
    this.relabel();
  }

  /** A new list (a new file): back to the first page; the filter stays, as in Wireshark. */
  setRows(rows: ConnectionRow[]): void {
    this.rows = rows;
    this.page = 0;
    this.render();
  }

  /** Rows judged since: redraws the page shown. */
  update(): void {
    this.render();
  }

  relabel(): void {
    const t = this.lang.t.bind(this.lang);
    setText(this.filterLabel, t('replayPageFilter'));
    this.filter.placeholder = t('replayPageFilterHint');
    setText(this.kindLabel, t('replayPageKind'));
    const chosen = this.kind.value || 'all';
    replaceChildren(
      this.kind,
      el('option', { attrs: { value: 'all' } }, t('replayPageKindAll')),
      el('option', { attrs: { value: 'refused' } }, t('replayPageKindRefused')),
      el('option', { attrs: { value: 'noted' } }, t('replayPageKindNoted')),
    );
    this.kind.value = chosen;
    replaceChildren(
      this.head,
      ...(
        [
          'replayPageColStream',
          'replayPageColClient',
          'replayPageColServer',
          'replayPageColSegments',
          'replayPageColDuration',
          'replayPageColFinal',
          'replayPageColVerdict',
        ] as const
      ).map((k) => el('th', { attrs: { scope: 'col' } }, t(k))),
    );
    this.render();
  }

  private kindValue(): RowKind {
    const v = this.kind.value;
    return v === 'refused' || v === 'noted' ? v : 'all';
  }

  private render(): void {
    const t = this.lang.t.bind(this.lang);
    const kind = this.kindValue();
    const matching = this.rows.filter((r) => matchesFilter(r, this.filter.value, kind));
    const p = pageOf(matching, this.page, PAGE_SIZE);
    this.page = p.page;
    setText(
      this.shown,
      p.total ? t('replayPageShown', { from: p.from, to: p.to, total: p.total }) : t('replayPageNoMatch'),
    );
    replaceChildren(this.body, ...p.items.map((r) => this.rowElement(r)));
    const button = (
      key: 'replayPagePrevPage' | 'replayPageNextPage',
      to: number,
      disabled: boolean,
      id: string,
    ) => {
      const b = el('button', { attrs: { type: 'button', 'data-testid': id } }, t(key));
      b.disabled = disabled;
      b.addEventListener('click', () => {
        this.page = to;
        this.render();
      });
      return b;
    };
    replaceChildren(
      this.pager,
      button('replayPagePrevPage', p.page - 1, p.page === 0, 'cap-page-prev'),
      el(
        'span',
        { attrs: { 'data-testid': 'cap-page' } },
        t('replayPagePageOf', { page: p.page + 1, pages: p.pages }),
      ),
      button('replayPageNextPage', p.page + 1, p.page >= p.pages - 1, 'cap-page-next'),
    );
    this.pager.hidden = p.pages <= 1;
  }

  private rowElement(r: ConnectionRow): HTMLTableRowElement {
    const t = this.lang.t.bind(this.lang);
    const open = el(
      'button',
      {
        class: 'cap-open',
        attrs: { type: 'button', 'aria-label': t('replayPageOpen', { stream: r.stream }) },
        on: { click: () => this.onOpen(r.stream) },
      },
      String(r.stream),
    );
    const j = r.judged;
    let verdict: HTMLElement;
    if (!j) verdict = el('span', { class: 'muted' }, t('replayPagePending'));
    else {
      const parts: string[] = [
        j.refused === null ? t('replayPageAllAccepted') : t('replayPageRefusedAt', { index: j.refused }),
      ];
      if (j.noted) parts.push(t('replayPageNotes', { n: j.noted }));
      if (j.lost) parts.push(t('replayPageLost', { n: j.lost }));
      verdict = el('span', { class: j.refused === null ? 'v-ok' : 'v-refused' }, parts.join(' · '));
    }
    const row = el(
      'tr',
      { attrs: { 'data-testid': 'cap-row', 'data-stream': r.stream } },
      el('td', {}, open),
      el('td', { class: 'mono' }, r.client ?? r.name),
      el('td', { class: 'mono' }, r.server ?? '—'),
      el('td', { class: 'cap-num' }, r.segments),
      el('td', { class: 'cap-num' }, durationText(r.duration)),
      el('td', { class: 'mono' }, j ? `${j.clientFinal} / ${j.serverFinal}` : '…'),
      el('td', {}, verdict),
    );
    row.addEventListener('click', (ev) => {
      if (ev.target !== open) this.onOpen(r.stream);
    });
    return row;
  }
}
