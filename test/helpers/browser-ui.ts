/**
 * What a player does and reads in the browser, through the interface only: clicks, typing and the
 * page's text (the record table and the canvas's text copy are there for screen readers).
 */
import type { Page } from 'playwright-core';
import type { Lang } from '../../shared/i18n';
import type { TcpState } from '../../shared/tcp/types';
import { UI_TEXTS } from '../../client/src/i18n/ui-texts';
import { CANVAS_FIT } from './browser-harness';

export type Screen = 'home' | 'waiting' | 'game' | 'summary' | 'class';

export async function waitScreen(page: Page, screen: Screen, timeout = 20000): Promise<void> {
  await page.waitForSelector(`body[data-screen="${screen}"]`, { state: 'attached', timeout });
  // the canvas follows the new screen's layout at once, not at the next size check
  await page.waitForFunction(`${CANVAS_FIT}.fits`, undefined, { timeout: 300 });
}

export interface PlayerRecord {
  state: TcpState;
  peerState: TcpState;
  iss: number;
  sndUna: number;
  sndNxt: number;
  sndWnd: number;
  irs: number;
  rcvNxt: number;
  rcvWnd: number;
}

/** The player's connection record, as the page's record table shows it. */
export async function record(page: Page): Promise<PlayerRecord> {
  const cell = (f: string) => page.locator(`[data-testid="record"] tr[data-field="${f}"] td`);
  const num = async (f: string) => Number(await cell(f).getAttribute('data-value'));
  return {
    state: (await cell('state').getAttribute('data-state')) as TcpState,
    peerState: (await cell('peerState').getAttribute('data-state')) as TcpState,
    iss: await num('iss'),
    sndUna: await num('sndUna'),
    sndNxt: await num('sndNxt'),
    sndWnd: await num('sndWnd'),
    irs: await num('irs'),
    rcvNxt: await num('rcvNxt'),
    rcvWnd: await num('rcvWnd'),
  };
}

export async function waitState(page: Page, state: TcpState, timeout = 15000): Promise<void> {
  await page.waitForSelector(`[data-testid="record"] tr[data-field="state"] td[data-state="${state}"]`, {
    state: 'attached',
    timeout,
  });
}

/**
 * Whether the page lets its player move now. Reads without waiting: when the round ends the game
 * screen (and its turn status) goes away, and that is an answer ("no"), not something to wait for.
 */
export async function canAct(page: Page): Promise<boolean> {
  return (
    (await page.evaluate(
      `document.querySelector('[data-testid="turn-status"]')?.getAttribute('data-can-act') === 'true'`,
    )) === true
  );
}

export async function waitCanAct(page: Page, timeout = 15000): Promise<void> {
  await page.waitForSelector('[data-testid="turn-status"][data-can-act="true"]', {
    state: 'attached',
    timeout,
  });
}

export interface Composed {
  flags: string[];
  seq: number;
  ack?: number;
  len?: number;
}

/** "SYN,ACK seq=5000 ack=1001": how the page labels a segment. */
export function label(s: Composed): string {
  const parts = [s.flags.join(','), `seq=${s.seq}`];
  if (s.flags.includes('ACK')) parts.push(`ack=${s.ack ?? 0}`);
  if ((s.len ?? 0) > 0) parts.push(`len=${s.len}`);
  return parts.join(' ');
}

const SHORTCUT: { [flag: string]: string } = { SYN: 'S', ACK: 'A', FIN: 'F', RST: 'R', PSH: 'P' };

/** The name of the focused form control. */
async function focused(page: Page): Promise<string> {
  return (await page.evaluate(
    `document.activeElement && document.activeElement.getAttribute('name')`,
  )) as string;
}

/**
 * Composes a segment and sends it. With the mouse: clicks on the flag toggles, numbers filled in,
 * a click on send. With the keyboard only: Alt+letter for the flags, Tab from the first flag through
 * the other four to seq, ack and length, typing the numbers, Enter to send.
 */
export async function compose(page: Page, s: Composed, how: 'mouse' | 'keyboard' = 'mouse'): Promise<void> {
  const form = page.locator('[data-testid="composer"]');
  if (how === 'mouse') {
    for (const f of Object.keys(SHORTCUT)) {
      const box = form.locator(`input[data-flag="${f}"]`);
      if ((await box.isChecked()) !== s.flags.includes(f)) await box.click();
    }
    await form.locator('[data-testid="composer-seq"]').fill(String(s.seq));
    await form.locator('[data-testid="composer-ack"]').fill(s.ack === undefined ? '' : String(s.ack));
    await form.locator('[data-testid="composer-len"]').fill(s.len ? String(s.len) : '');
    await form.locator('[data-testid="send"]').click();
    return;
  }
  await form.locator('input[data-flag="SYN"]').focus();
  for (const f of Object.keys(SHORTCUT)) {
    const box = form.locator(`input[data-flag="${f}"]`);
    if ((await box.isChecked()) !== s.flags.includes(f)) await page.keyboard.press(`Alt+${SHORTCUT[f]}`);
  }
  for (let i = 0; i < 5; i++) await page.keyboard.press('Tab');
  const fields: [string, string][] = [
    ['seq', String(s.seq)],
    ['ack', s.ack === undefined ? '' : String(s.ack)],
    ['len', s.len ? String(s.len) : ''],
  ];
  for (const [i, [name, value]] of fields.entries()) {
    if ((await focused(page)) !== name)
      throw new Error(`Tab order: expected ${name}, at ${await focused(page)}`);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    if (value) await page.keyboard.type(value);
    if (i < fields.length - 1) await page.keyboard.press('Tab');
  }
  await page.keyboard.press('Enter');
}

/**
 * Waits for the judge's verdict on the move just made: accepted (with the segment's label, as shown
 * or, in relative numbering, as the judge saw it in absolute numbers) or refused.
 */
export async function waitVerdict(page: Page, kind: 'ok' | 'refused', text?: string): Promise<string> {
  const base = `[data-testid="verdict"][data-kind="${kind}"]`;
  const v = text
    ? page.locator(base, { hasText: text }).or(page.locator(`${base}[data-move=${JSON.stringify(text)}]`))
    : page.locator(base);
  try {
    await v.waitFor({ state: 'visible', timeout: 10000 });
  } catch (e) {
    // say what the page showed instead
    const shown = async (id: string) => (await page.locator(`[data-testid="${id}"]`).textContent()) ?? '';
    throw new Error(
      `no ${kind} verdict${text ? ` for ${text}` : ''}: verdict "${await shown('verdict')}", ` +
        `composer "${await shown('composer-problem')}", status "${await shown('turn-status')}"\n` +
        `log:\n${(await page.locator('[data-testid="log"] li .line').allTextContents()).slice(-12).join('\n')}`,
      { cause: e },
    );
  }
  return (await v.textContent()) ?? '';
}

/** Composes, sends and waits until the judge accepted it. */
export async function play(page: Page, s: Composed, how: 'mouse' | 'keyboard' = 'mouse'): Promise<void> {
  await compose(page, s, how);
  await waitVerdict(page, 'ok', label(s));
}

/** What a person sees: the page's rendered text, including the text copy of the canvas. */
export async function visibleText(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

/** Pieces of the English UI texts (placeholders cut out) long enough to be recognised. */
function englishPieces(): string[] {
  const out = new Set<string>();
  const zh = UI_TEXTS['zh-CN'];
  for (const [k, en] of Object.entries(UI_TEXTS.en)) {
    if (en === zh[k as keyof typeof zh]) continue;
    // placeholders and the English plural choices ({n|point|points}) are cut out
    for (const piece of en.split(/\{[^{}]*\}/)) {
      const p = piece.trim().replace(/^[\s.,:;()"'…-]+|[\s.,:;()"'…-]+$/g, '');
      // a piece must hold a real word: three letters in a row
      if (/[A-Za-z]{3}/.test(p)) out.add(p);
    }
  }
  return [...out];
}

/** English interface words found in a text shown in Chinese (whole words, case-sensitive). */
export function englishLeftovers(text: string): string[] {
  return englishPieces().filter((p) => {
    const re = new RegExp(`(^|[^A-Za-z])${p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^A-Za-z])`);
    return re.test(text);
  });
}

/** Chinese characters found in a text shown in English, apart from the language switch's own name. */
export function chineseLeftovers(text: string): string[] {
  const rest = text.replaceAll(UI_TEXTS.en.switchLang, '');
  return [...new Set(rest.match(/[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]+/g) ?? [])];
}

/** The UI words of the other language still on the page. */
export async function leftovers(page: Page, lang: Lang): Promise<string[]> {
  const text = await visibleText(page);
  return lang === 'zh-CN' ? englishLeftovers(text) : chineseLeftovers(text);
}

/** Switches the interface language with the button in the top bar and waits for the page to follow. */
export async function switchLang(page: Page, to: Lang): Promise<void> {
  await page.locator('[data-testid="lang-switch"]').click();
  await page.waitForSelector(`html[lang="${to}"]`, { state: 'attached' });
  // the canvas's text copy follows within a few frames
  await page.waitForTimeout(500);
}
