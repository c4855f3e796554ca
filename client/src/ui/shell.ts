/**
 * The page around the canvas: the top bar (title, connection state, language switch), the DOM panel
 * each screen fills with its forms, a visually hidden copy of the canvas's words for screen
 * readers, and a polite announcer.
 */
import type { ScreenKey } from '../app/services';
import type { LangStore } from '../i18n/lang';
import type { ConnectionState } from '../net/game-client';
import { el, replaceChildren, setText } from './dom';

export class Shell {
  readonly panel: HTMLElement;
  readonly stage: HTMLElement;
  readonly mirror: HTMLElement;
  private readonly title: HTMLElement;
  private readonly status: HTMLElement;
  private readonly langButton: HTMLButtonElement;
  private connection: ConnectionState = 'connecting';
  /** A page that never connects (the replay page): no connection state to show. */
  private local = false;

  constructor(
    private readonly lang: LangStore,
    onSwitchLang: () => void,
  ) {
    const bar = document.getElementById('top-bar')!;
    this.panel = document.getElementById('panel')!;
    this.stage = document.getElementById('stage')!;
    this.mirror = document.getElementById('canvas-text')!;
    this.title = el('span', { class: 'brand-title' });
    this.status = el('span', { class: 'conn', attrs: { role: 'status', 'aria-live': 'polite' } });
    this.langButton = el('button', {
      class: 'lang-switch',
      attrs: { type: 'button', 'data-testid': 'lang-switch' },
      on: { click: onSwitchLang },
    });
    replaceChildren(bar, el('p', { class: 'brand' }, this.title), this.status, this.langButton);
    this.relabel();
  }

  /** Shows a screen's layout and gives its empty panel. */
  setScreen(key: ScreenKey): HTMLElement {
    document.body.className = `screen-${key}`;
    document.body.dataset['screen'] = key;
    this.panel.replaceChildren();
    this.panel.scrollTop = 0;
    window.scrollTo(0, 0);
    return this.panel;
  }

  setConnection(state: ConnectionState): void {
    this.connection = state;
    this.relabel();
  }

  /** Writes the canvas's visible words into the hidden copy (only when they changed). */
  mirrorCanvas(lines: readonly string[]): void {
    const text = lines.join('\n');
    if (this.mirror.dataset['text'] === text) return;
    this.mirror.dataset['text'] = text;
    replaceChildren(this.mirror, el('ul', {}, ...lines.map((l) => el('li', {}, l))));
  }

  /** For a page that works without the server: the connection's state is not shown. */
  offline(): void {
    this.local = true;
    this.relabel();
  }

  relabel(): void {
    const t = this.lang.t.bind(this.lang);
    document.documentElement.lang = this.lang.lang;
    document.title = `${t('appTitle')} · ${t('appTagline')}`;
    setText(this.title, t('appTitle'));
    setText(this.langButton, t('switchLang'));
    this.langButton.setAttribute('aria-label', t('switchLangLabel'));
    this.langButton.setAttribute('lang', this.lang.lang === 'en' ? 'zh-CN' : 'en');
    const s =
      this.connection === 'connected' || this.local
        ? ''
        : t(this.connection === 'connecting' ? 'connecting' : 'reconnecting');
    setText(this.status, s);
    this.status.hidden = s === '';
  }
}
