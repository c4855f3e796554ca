/**
 * The replay page (/replay): a capture (pcap, pcapng) or a JSON trace, chosen or dropped, is read in
 * the browser by a worker (the file never leaves the machine: nothing is sent to the server); its
 * TCP connections are listed at once and judged in the background; one opens as the game pictures
 * a game (connection-view.ts). A file that cannot be read says why, with the frames the reader skipped.
 */
import type { SkippedFrame } from '../../../shared/trace/pcap-reader';
import type { NumberModeStore } from '../app/number-mode';
import type { LangStore } from '../i18n/lang';
import type { Shell } from '../ui/shell';
import { el, replaceChildren, setText, uid } from '../ui/dom';
import type { FromWorker, ToWorker } from './capture-job';
import type { ConnectionRow } from './connection-list';
import { ConnectionTable } from './connection-table';
import { ConnectionView } from './connection-view';
import './replay.css';

export interface ReplayDeps {
  lang: LangStore;
  shell: Shell;
  numberMode: NumberModeStore;
}

/** What the page knows of the file it shows. */
interface FileState {
  id: number;
  name: string;
  status: 'reading' | 'read' | 'failed';
  frames: number | null;
  skipped: SkippedFrame[];
  rows: ConnectionRow[];
  judged: number;
  message: string;
}

export class ReplayPage {
  private readonly worker: Worker;
  private readonly table: ConnectionTable;
  private readonly view: ConnectionView;
  private readonly title: HTMLElement;
  private readonly lead: HTMLElement;
  private readonly privacy: HTMLElement;
  private readonly drop: HTMLElement;
  private readonly chooseLabel: HTMLElement;
  private readonly dropLabel: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly status: HTMLElement;
  private file: FileState | null = null;
  private nextId = 1;
  /** The stream asked for, shown when the worker answers. */
  private opening: number | null = null;

  constructor(private readonly d: ReplayDeps) {
    const panel = d.shell.setScreen('replay');
    this.worker = new Worker(new URL('./replay.worker.ts', import.meta.url), { type: 'module' });
    this.worker.addEventListener('message', (ev: MessageEvent<FromWorker>) => this.receive(ev.data));
    this.table = new ConnectionTable(d.lang, (stream) => this.openStream(stream));
    this.view = new ConnectionView(d.lang, d.numberMode, () => this.closeStream());
    this.title = el('h1', { class: 'screen-title' });
    this.lead = el('p', { class: 'lead' });
    this.privacy = el('p', { class: 'cap-privacy' });
    const inputId = uid('cap-file');
    this.input = el('input', {
      id: inputId,
      class: 'sr-only',
      attrs: { type: 'file', accept: '.pcap,.pcapng,.cap,.json', 'data-testid': 'cap-file' },
      on: {
        change: () => {
          const f = this.input.files?.[0];
          if (f) void this.read(f);
          this.input.value = '';
        },
      },
    });
    this.chooseLabel = el('label', { class: 'button-link', attrs: { for: inputId } });
    this.dropLabel = el('span', { class: 'cap-drop-text' });
    this.drop = el(
      'div',
      { class: 'cap-drop', attrs: { 'data-testid': 'cap-drop' } },
      this.input,
      this.chooseLabel,
      this.dropLabel,
    );
    this.status = el('div', {
      class: 'cap-status',
      attrs: { 'data-testid': 'cap-status', 'aria-live': 'polite' },
    });
    this.wireDrop();
    this.table.root.hidden = true;
    this.view.root.hidden = true;
    panel.append(
      el(
        'div',
        { class: 'cap-page' },
        el('header', { class: 'card cap-top' }, this.title, this.lead, this.privacy, this.drop),
        this.status,
        this.table.root,
        this.view.root,
      ),
    );
    document.addEventListener('keydown', (ev) => {
      if (this.view.root.hidden || ev.altKey || ev.ctrlKey || ev.metaKey) return;
      const target = ev.target;
      // typing in the filter is not stepping (a checkbox or a button is fine)
      const typing =
        (target instanceof HTMLInputElement && target.type !== 'checkbox') ||
        target instanceof HTMLSelectElement ||
        target instanceof HTMLTextAreaElement;
      if (typing) return;
      if (ev.key === 'Escape') this.closeStream();
      else if (this.view.key(ev)) ev.preventDefault();
    });
    d.lang.onChange(() => this.relabel());
    this.relabel();
  }

  private wireDrop(): void {
    const over = (on: boolean) => {
      this.drop.classList.toggle('over', on);
      setText(this.dropLabel, this.d.lang.t(on ? 'replayPageDropHere' : 'replayPageDrop'));
    };
    // a file dropped anywhere on the page opens here instead of the browser leaving the page for it
    window.addEventListener('dragover', (ev) => {
      ev.preventDefault();
      over(true);
    });
    window.addEventListener('dragleave', (ev) => {
      if (ev.relatedTarget === null) over(false);
    });
    window.addEventListener('drop', (ev) => {
      ev.preventDefault();
      over(false);
      const f = ev.dataTransfer?.files[0];
      if (f) void this.read(f);
    });
  }

  /** Reads a file: its bytes go to the worker (transferred, not copied). */
  private async read(f: File): Promise<void> {
    const id = this.nextId++;
    this.file = {
      id,
      name: f.name,
      status: 'reading',
      frames: null,
      skipped: [],
      rows: [],
      judged: 0,
      message: '',
    };
    this.opening = null;
    this.table.root.hidden = true;
    this.view.root.hidden = true;
    this.renderStatus();
    const bytes = await f.arrayBuffer();
    if (this.file?.id !== id) return;
    const m: ToWorker = { kind: 'read', file: id, name: f.name, bytes };
    this.worker.postMessage(m, [bytes]);
  }

  private receive(m: FromWorker): void {
    const f = this.file;
    if (!f || m.file !== f.id) return;
    if (m.kind === 'read') {
      Object.assign(f, { status: 'read', frames: m.frames, skipped: m.skipped, rows: m.rows });
      this.table.setRows(f.rows);
      this.table.root.hidden = false;
    } else if (m.kind === 'judged') {
      for (const j of m.judged) {
        const row = f.rows[j.stream];
        if (row) row.judged = j.judged;
      }
      f.judged += m.judged.length;
      this.table.update();
    } else if (m.kind === 'failed') {
      if (f.status === 'reading') {
        f.status = 'failed';
        f.message = m.message;
      }
    } else if (m.kind === 'replayed' && m.stream === this.opening) {
      const row = f.rows[m.stream];
      this.table.root.hidden = true;
      this.view.root.hidden = false;
      this.view.show({
        stream: m.stream,
        trace: m.trace,
        result: m.result,
        client: row?.client ?? null,
        server: row?.server ?? null,
      });
    }
    this.renderStatus();
  }

  private openStream(stream: number): void {
    const f = this.file;
    if (!f) return;
    this.opening = stream;
    const m: ToWorker = { kind: 'replay', file: f.id, stream };
    this.worker.postMessage(m);
  }

  private closeStream(): void {
    this.opening = null;
    this.view.root.hidden = true;
    this.table.root.hidden = false;
    this.table.root.querySelector<HTMLElement>('.cap-open')?.focus();
  }

  private relabel(): void {
    const t = this.d.lang.t.bind(this.d.lang);
    setText(this.title, t('replayPageTitle'));
    setText(this.lead, t('replayPageLead'));
    setText(this.privacy, t('replayPagePrivacy'));
    setText(this.chooseLabel, t('replayPageChoose'));
    setText(this.dropLabel, t('replayPageDrop'));
    this.table.relabel();
    this.view.render();
    this.renderStatus();
  }

  private renderStatus(): void {
    const t = this.d.lang.t.bind(this.d.lang);
    const f = this.file;
    if (!f) {
      replaceChildren(this.status);
      this.status.hidden = true;
      return;
    }
    this.status.hidden = false;
    this.status.setAttribute('role', f.status === 'failed' ? 'alert' : 'status');
    this.status.classList.toggle('error', f.status === 'failed');
    if (f.status === 'reading')
      return replaceChildren(this.status, el('p', {}, t('replayPageReading', { name: f.name })));
    if (f.status === 'failed')
      return replaceChildren(
        this.status,
        el('p', { class: 'cap-error-title' }, t('replayPageUnreadable')),
        el('p', { class: 'mono', attrs: { 'data-testid': 'cap-error' } }, f.message),
      );
    const total = f.rows.length;
    const refused = f.rows.filter((r) => r.judged?.refused != null).length;
    const noted = f.rows.filter((r) => r.judged && r.judged.noted + r.judged.lost > 0).length;
    const skipped = f.skipped.length
      ? el(
          'details',
          { class: 'cap-skipped', attrs: { 'data-testid': 'cap-skipped' } },
          el('summary', {}, t('replayPageSkipped', { n: f.skipped.length, frames: f.frames ?? 0 })),
          el('ul', {}, ...f.skipped.map((s) => el('li', { class: 'mono' }, `#${s.frame} ${s.reason}`))),
        )
      : null;
    replaceChildren(
      this.status,
      el(
        'p',
        { attrs: { 'data-testid': 'cap-summary' } },
        f.frames === null
          ? t('replayPageSummaryTrace', { name: f.name, n: total })
          : t('replayPageSummary', { name: f.name, frames: f.frames, n: total }),
      ),
      el(
        'p',
        { class: 'muted', attrs: { 'data-testid': 'cap-progress' } },
        f.judged < total
          ? t('replayPageJudging', { done: f.judged, total })
          : t('replayPageJudged', { refused, noted }),
      ),
      skipped,
    );
  }
}
