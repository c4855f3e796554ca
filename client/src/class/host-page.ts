/**
 * The teacher's console (/host), made for a projector: opening a class, then the join code in huge
 * letters with its link and QR code, the roster and pairs, the round controls, the live dashboard,
 * the misconceptions, the leaderboards, the CSV export and the spectator view. Once a round runs,
 * the dashboard comes first (under a bar with the round's clock and controls) and the set-up folds
 * away; it unfolds again when the round ends. A console opened on localhost makes its join link
 * from the machine's LAN address (class:lan), since no phone can open localhost. The host token
 * stays in this browser (localStorage) with the code: a reload takes the class back with
 * class:reclaim when the session changed.
 */
import type { HostView, PairingMode } from '../../../shared/class/class-types';
import { projectorText } from '../../../shared/i18n/projector-texts';
import type { Ack, ErrorPayload, LanInfo, WatchView } from '../../../shared/protocol/events';
import type { KeyValueStore } from '../app/storage-keys';
import type { LangStore } from '../i18n/lang';
import type { GameClient } from '../net/game-client';
import { errorMessage } from '../ui/ack-text';
import { append, el, replaceChildren, setText } from '../ui/dom';
import { choice, field, messageLine } from '../ui/forms';
import type { Shell } from '../ui/shell';
import { BigScreen } from './big-screen';
import { joinLink } from './class-route';
import { isLoopbackHostname, LAN_ADDRESS_KEY, lanJoinLink, pickAddress } from './lan-link';
import { OffsetClock } from './class-time';
import { downloadCsv } from './csv-download';
import type { HostContext } from './host-context';
import { HostDashboard } from './host-dashboard';
import { HostRoster } from './host-roster';
import { HostRound } from './host-round';
import { MistakeSlides } from './mistake-slides';
import { defaultChoices } from './round-choices';
import { forgetHosted, loadHosted, saveHosted } from './host-storage';
import { qrSvg } from './qr-code';
import { ProjectorView } from './projector-view';
import { SpectatorView } from './spectator-view';

/** The console's address while the big screen is shown, so a reload shows it again. */
const SCREEN_HASH = '#screen';

export interface HostDeps {
  net: GameClient;
  lang: LangStore;
  shell: Shell;
  store: KeyValueStore;
}

export class HostPage {
  private readonly panel: HTMLElement;
  private readonly ctx: HostContext;
  private readonly choices = defaultChoices();
  private readonly nextFor: { side: 'client' | 'server' } = { side: 'client' };
  private view: HostView | null = null;
  private mode: 'loading' | 'create' | 'console' = 'loading';
  private createNotice = '';
  private message = messageLine('host-message');
  private roster: HostRoster | null = null;
  private round: HostRound | null = null;
  private dashboard: HostDashboard | null = null;
  private lockBadge: HTMLElement | null = null;
  private spectator: SpectatorView | null = null;
  private projector: ProjectorView | null = null;
  private watching: string | null = null;
  /** The class on the big screen, and the misconception slides over it (null: not shown). */
  private screen: BigScreen | null = null;
  private slides: MistakeSlides | null = null;
  /** The projector was opened from the big screen: closing it goes back there. */
  private backToScreen = false;
  private closeArmed = false;
  private heading: HTMLElement | null = null;
  private bar: HTMLElement | null = null;
  private barCode: HTMLElement | null = null;
  private setup: HTMLDetailsElement | null = null;
  private join: HTMLElement | null = null;
  private actions: HTMLElement | null = null;
  /** Whether a round was running at the last update (null: not shown yet), to fold the set-up once. */
  private running: boolean | null = null;
  /** The answer of class:lan, when the console was opened on localhost (null: not asked). */
  private lan: LanInfo | 'pending' | 'failed' | null = null;
  private joinShown = '';

  constructor(private readonly d: HostDeps) {
    this.panel = d.shell.setScreen('host');
    const clock = new OffsetClock();
    this.ctx = {
      net: d.net,
      lang: d.lang,
      clock,
      t: (key, params) => d.lang.t(key, params),
      fail: (e: ErrorPayload) => this.message.show(errorMessage(d.lang, e), 'error'),
      notice: (text: string) => this.message.show(text),
      act: async <T>(p: Promise<Ack<T>>): Promise<T | null> => {
        const a = await p;
        if (!a.ok) {
          this.ctx.fail(a.error);
          return null;
        }
        const data: unknown = a.data;
        if (typeof data === 'object' && data !== null && 'class' in data)
          this.show((data as { class: HostView }).class);
        return a.data;
      },
    };
    d.net.on('session', () => void this.init());
    d.net.on('classHost', (v) => this.show(v));
    d.net.on('classWatch', (w) => {
      if (this.spectator && w.pairId === this.watching) this.spectator.update(w);
      if (this.projector && w.pairId === this.watching) this.projector.update(w);
      if (w.pairId === this.watching) this.lastWatch = w;
    });
    d.lang.onChange(() => this.render());
    // the countdowns move between the server's (throttled) updates
    setInterval(() => this.tick(), 250);
    this.render();
  }

  /** After every (re)connection: the class this session hosts, else the one this browser hosted. */
  private async init(): Promise<void> {
    const net = this.d.net;
    // a connection (again): an answer class:lan could not give may come now
    if (this.lan === 'failed') this.lan = null;
    const state = await net.classState();
    if (state.ok && state.data.host) return this.show(state.data.host);
    const hosted = loadHosted(this.d.store);
    if (hosted) {
      const r = await net.reclaimClass(hosted.code, hosted.hostToken);
      if (r.ok) return this.show(r.data.class);
      forgetHosted(this.d.store);
      this.createNotice = this.d.lang.t('hostReclaimFailed');
    }
    this.view = null;
    this.mode = 'create';
    this.render();
  }

  private show(v: HostView): void {
    this.view = v;
    this.ctx.clock.sync(v.serverNow);
    this.askLan(v);
    if (this.mode !== 'console') {
      this.mode = 'console';
      this.render();
      return;
    }
    this.update(v);
  }

  private render(): void {
    this.panel.replaceChildren();
    this.roster = this.round = this.dashboard = null;
    this.bar = this.barCode = this.setup = this.join = this.actions = null;
    this.running = null;
    this.joinShown = '';
    this.message = messageLine('host-message');
    const t = this.ctx.t;
    this.heading = el('h1', { class: 'screen-title' }, t('hostPageTitle'));
    append(this.panel, this.heading);
    if (this.mode === 'create') this.renderCreate();
    else if (this.mode === 'console' && this.view) this.renderConsole(this.view);
    if (this.watching && this.mode === 'console') this.openSpectator(this.watching);
    if (this.mode !== 'console') {
      this.closeSlides();
      this.closeScreen();
    }
    // a reload of the big screen (/host#screen) comes back to it
    if (this.mode === 'console' && !this.screen && window.location.hash === SCREEN_HASH) this.openScreen();
    this.screen?.refresh();
    this.slides?.refresh();
  }

  private renderCreate(): void {
    const t = this.ctx.t;
    const title = el('input', {
      attrs: { name: 'class-title', maxlength: 40, 'data-testid': 'class-title' },
    });
    const mode = choice<PairingMode>(
      'create-pairing',
      [
        { value: 'arrival', label: t('pairingArrival') },
        { value: 'random', label: t('pairingRandom') },
      ],
      'arrival',
    );
    const rotate = el('input', { attrs: { type: 'checkbox', 'data-testid': 'create-rotate' } });
    rotate.checked = true;
    const submit = el(
      'button',
      { class: 'primary big', attrs: { type: 'submit', 'data-testid': 'create-class' } },
      t('hostCreateButton'),
    );
    const form = el(
      'form',
      { class: 'stack' },
      field(t('classTitleLabel'), title),
      el(
        'div',
        { class: 'row' },
        field(t('pairingLabel'), mode.select),
        el('label', { class: 'check' }, rotate, t('rotateLabel')),
      ),
      submit,
    );
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      const p: { title?: string; pairing: PairingMode; rotate: boolean } = {
        pairing: mode.value(),
        rotate: rotate.checked,
      };
      if (title.value.trim()) p.title = title.value.trim();
      void this.d.net.createClass(p).then((a) => {
        submit.disabled = false;
        if (!a.ok) return this.ctx.fail(a.error);
        saveHosted(this.d.store, { code: a.data.class.code, hostToken: a.data.hostToken });
        this.createNotice = '';
        this.show(a.data.class);
      });
    });
    if (this.createNotice) this.message.show(this.createNotice, 'error');
    append(
      this.panel,
      el(
        'section',
        { class: 'card host-create', attrs: { 'aria-labelledby': 'h-create' } },
        el('h2', { id: 'h-create' }, t('hostCreateTitle')),
        el('p', { class: 'lead' }, t('hostCreateLead')),
        form,
      ),
      this.message.root,
    );
  }

  /**
   * Asks once (once per connection after a failure) for the machine's LAN addresses, when phones
   * could not open this page's own address.
   */
  private askLan(v: HostView): void {
    if (v.joinUrl !== null || !isLoopbackHostname(window.location.hostname)) return;
    if (this.lan !== null) return;
    this.lan = 'pending';
    void this.d.net.lanAddresses().then((a) => {
      this.lan = a.ok ? a.data : 'failed';
      if (this.view) this.renderJoin(this.view);
    });
  }

  /**
   * The join link and what to say about it: the server's public address when it knows one (a
   * proxy in front), else this page's own, unless that is localhost: then the machine's LAN
   * address, or a warning when there is none.
   */
  private joinTarget(v: HostView): {
    link: string;
    note: { tone: 'info' | 'warn'; text: string } | null;
    pick: LanInfo['addresses'];
  } {
    const t = this.ctx.t;
    const loc = window.location;
    const own = { link: v.joinUrl ?? joinLink(loc.origin, v.code), note: null, pick: [] };
    if (v.joinUrl !== null || !isLoopbackHostname(loc.hostname)) return own;
    const lan = this.lan;
    const host = loc.hostname;
    if (lan === null || lan === 'pending') return own;
    if (lan === 'failed') return { ...own, note: { tone: 'warn', text: t('lanUnknown', { host }) } };
    if (lan.loopbackOnly) return { ...own, note: { tone: 'warn', text: t('lanLoopbackOnly') } };
    const chosen = pickAddress(lan.addresses, this.d.store.get(LAN_ADDRESS_KEY));
    if (!chosen) return { ...own, note: { tone: 'warn', text: t('lanNone', { host }) } };
    return {
      link: lanJoinLink(loc, chosen.address, v.code),
      note: { tone: 'info', text: t('lanNote', { host }) },
      pick: lan.addresses,
    };
  }

  /** The join card (code, QR code, link, and the LAN address's note or warning), rebuilt when it changes. */
  private renderJoin(v: HostView): void {
    const box = this.join;
    if (!box) return;
    const t = this.ctx.t;
    const target = this.joinTarget(v);
    const { link } = target;
    const sig = JSON.stringify([v.code, v.title, target, this.ctx.lang.lang]);
    if (sig === this.joinShown) return;
    this.joinShown = sig;
    const chosen = target.pick.length ? pickAddress(target.pick, this.d.store.get(LAN_ADDRESS_KEY)) : null;
    let picker: HTMLElement | null = null;
    if (target.pick.length > 1) {
      const select = el(
        'select',
        { attrs: { name: 'lan-address', 'data-testid': 'lan-address' } },
        ...target.pick.map((a) => {
          const o = el(
            'option',
            { attrs: { value: a.address } },
            t(a.virtual ? 'lanOptionVirtual' : 'lanOption', { address: a.address, name: a.name }),
          );
          o.selected = a.address === chosen?.address;
          return o;
        }),
      );
      select.addEventListener('change', () => {
        this.d.store.set(LAN_ADDRESS_KEY, select.value);
        this.renderJoin(v);
      });
      picker = field(t('lanPickLabel'), select, 'lan-pick');
    }
    this.lockBadge = el(
      'span',
      { class: 'badge', attrs: { 'data-testid': 'locked-badge' } },
      t('lockedBadge'),
    );
    this.lockBadge.hidden = !v.locked;
    replaceChildren(
      box,
      el(
        'h2',
        { id: 'h-join' },
        v.title ? `${v.title} · ${t('joinCodeTitle')}` : t('joinCodeTitle'),
        ' ',
        this.lockBadge,
      ),
      el('p', { class: 'join-code', attrs: { 'data-testid': 'join-code-display' } }, v.code),
      el(
        'div',
        { class: 'join-body' },
        el('div', { class: 'qr', attrs: { 'data-testid': 'join-qr' } }, qrSvg(link, t('qrLabel', { link }))),
        el(
          'div',
          { class: 'join-text' },
          el(
            'p',
            { class: 'join-link' },
            `${t('joinLinkLabel')}: `,
            el('a', { attrs: { href: link, target: '_blank', 'data-testid': 'join-link' } }, link),
          ),
          target.note
            ? el(
                'p',
                {
                  class: `lan-note tone-${target.note.tone}`,
                  attrs: {
                    'data-testid': target.note.tone === 'warn' ? 'lan-warning' : 'lan-note',
                    role: target.note.tone === 'warn' ? 'alert' : undefined,
                  },
                },
                target.note.text,
              )
            : null,
          picker,
          el('p', { class: 'lead' }, t('joinHowTo')),
        ),
      ),
    );
  }

  private renderConsole(v: HostView): void {
    const t = this.ctx.t;
    this.join = el('section', { class: 'card host-join', attrs: { 'aria-labelledby': 'h-join' } });
    this.renderJoin(v);
    this.roster = new HostRoster(this.ctx);
    this.round = new HostRound(this.ctx, this.choices);
    this.dashboard = new HostDashboard(this.ctx, (pairId) => this.openSpectator(pairId), this.nextFor);
    const exportButton = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'export-csv' } },
      t('exportButton'),
    );
    exportButton.addEventListener('click', () => {
      exportButton.disabled = true;
      void this.ctx.act(this.d.net.exportClass()).then((r) => {
        exportButton.disabled = false;
        if (!r) return;
        downloadCsv(r.filename, r.csv);
        this.ctx.notice(t('exportDone', { file: r.filename }));
      });
    });
    const close = el(
      'button',
      { class: 'danger', attrs: { type: 'button', 'data-testid': 'close-class' } },
      t('closeClassButton'),
    );
    close.addEventListener('click', () => {
      // two clicks: closing drops every result of the class
      if (!this.closeArmed) {
        this.closeArmed = true;
        setText(close, t('closeClassConfirm'));
        return;
      }
      this.closeArmed = false;
      void this.ctx.act(this.d.net.leaveClass()).then((r) => {
        if (!r) return;
        forgetHosted(this.d.store);
        this.view = null;
        this.watching = null;
        this.mode = 'create';
        this.createNotice = '';
        this.render();
        this.message.show(t('classClosed'));
      });
    });
    this.barCode = el('strong', { class: 'bar-code-value', attrs: { 'data-testid': 'bar-join-code' } });
    const lang = this.d.lang.lang;
    const screenButton = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'screen-open' } },
      projectorText(lang, 'screenOpen'),
    );
    screenButton.addEventListener('click', () => this.openScreen());
    const slidesButton = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'slides-open' } },
      projectorText(lang, 'mistakesOpen'),
    );
    slidesButton.addEventListener('click', () => this.openSlides());
    this.bar = el(
      'div',
      { class: 'host-bar' },
      this.round.bar,
      el('div', { class: 'bar-screens' }, screenButton, slidesButton),
      el('p', { class: 'bar-code' }, `${t('barJoinCode')} `, this.barCode),
    );
    this.setup = el(
      'details',
      { class: 'host-setup', attrs: { 'data-testid': 'setup' } },
      el('summary', { attrs: { 'data-testid': 'setup-toggle' } }, t('setupSummary')),
      el('div', { class: 'host-top' }, this.join, this.roster.root),
      this.round.root,
    );
    this.actions = el('div', { class: 'actions host-actions' }, exportButton, close);
    append(this.panel, this.message.root, this.bar);
    this.update(v);
  }

  /**
   * Before the first round: the set-up first, open. Once there is a round: the dashboard first,
   * the set-up after it, folded while the round runs and unfolded when it ends (once per change,
   * so the teacher may open or close it meanwhile).
   */
  private arrange(v: HostView): void {
    if (!this.setup || !this.dashboard || !this.actions) return;
    const live = v.round !== null;
    const running = live && v.round!.phase !== 'ended';
    this.panel.dataset['live'] = String(live);
    this.heading?.classList.toggle('sr-only', live);
    // before the first round the bar would only say so: the join code and QR code come first
    if (this.bar) this.bar.hidden = !live;
    const order = live ? [this.dashboard.root, this.setup] : [this.setup, this.dashboard.root];
    if (this.setup.previousElementSibling !== (live ? this.dashboard.root : this.bar)) {
      for (const e of order) this.panel.append(e);
      this.panel.append(this.actions);
    }
    if (running !== this.running) {
      this.running = running;
      this.setup.open = !running;
    }
  }

  private update(v: HostView): void {
    this.arrange(v);
    if (this.barCode) setText(this.barCode, v.code);
    this.renderJoin(v);
    if (this.lockBadge) this.lockBadge.hidden = !v.locked;
    this.roster?.update(v);
    this.round?.update(v);
    this.dashboard?.update(v);
    this.screen?.update(v);
    this.slides?.update(v);
    // the watched pair's game is over or gone: the spectator closes
    if (this.watching && !v.pairs.some((p) => p.pairId === this.watching)) this.closeSpectator();
  }

  private openSpectator(pairId: string): void {
    this.spectator?.root.remove();
    this.watching = pairId;
    const spec = new SpectatorView(this.ctx, () => this.closeSpectator());
    this.spectator = spec;
    document.body.append(spec.root);
    document.body.classList.add('spectating');
    // the projector: the same pair as a ladder in large type, with freeze and ask and the replay
    const open = el(
      'button',
      { attrs: { type: 'button', 'data-testid': 'projector-open' } },
      projectorText(this.d.lang.lang, 'open'),
    );
    open.addEventListener('click', () => this.openProjector());
    spec.root.querySelector('.spec-head')?.append(open);
    void this.ctx.act(this.d.net.spectate(pairId)).then((r) => {
      if (this.spectator !== spec) return;
      if (r?.watch) {
        this.lastWatch = r.watch;
        spec.update(r.watch);
        this.projector?.update(r.watch);
      } else if (!r) this.closeSpectator();
    });
  }

  private lastWatch: WatchView | null = null;

  private openProjector(): void {
    this.projector?.root.remove();
    const proj = new ProjectorView(this.ctx, () => this.closeProjector());
    this.projector = proj;
    document.body.append(proj.root);
    document.body.classList.add('projecting');
    if (this.lastWatch && this.lastWatch.pairId === this.watching) proj.update(this.lastWatch);
  }

  private closeProjector(): void {
    this.projector?.root.remove();
    this.projector = null;
    document.body.classList.remove('projecting');
    if (this.backToScreen) {
      this.backToScreen = false;
      this.closeSpectator();
    }
  }

  /** The big screen: every pair of the class at a glance, over the console. */
  private openScreen(): void {
    this.screen?.root.remove();
    const screen = new BigScreen(this.ctx, {
      close: () => this.closeScreen(),
      project: (pairId) => {
        // the pair on the projector, straight from the big screen, and back there when closed
        this.openSpectator(pairId);
        this.openProjector();
        this.backToScreen = true;
      },
      slides: () => this.openSlides(),
    });
    this.screen = screen;
    document.body.append(screen.root);
    document.body.classList.add('screening');
    window.history.replaceState(null, '', SCREEN_HASH);
    if (this.view) screen.update(this.view);
  }

  private closeScreen(): void {
    if (!this.screen) return;
    this.screen.dispose();
    this.screen.root.remove();
    this.screen = null;
    document.body.classList.remove('screening');
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
  }

  /** The class's misconceptions as full-screen slides, over everything. */
  private openSlides(): void {
    this.closeSlides();
    const slides = new MistakeSlides(this.ctx, () => this.closeSlides());
    this.slides = slides;
    document.body.append(slides.root);
    document.body.classList.add('sliding');
    if (this.view) slides.update(this.view);
  }

  private closeSlides(): void {
    this.slides?.dispose();
    this.slides?.root.remove();
    this.slides = null;
    document.body.classList.remove('sliding');
  }

  private closeSpectator(): void {
    this.backToScreen = false;
    const was = this.watching;
    this.closeProjector();
    this.lastWatch = null;
    this.spectator?.root.remove();
    this.spectator = null;
    this.watching = null;
    document.body.classList.remove('spectating');
    if (was) void this.d.net.spectate(null);
  }

  private tick(): void {
    this.round?.tick();
    this.dashboard?.tick();
    this.spectator?.tick();
  }
}
