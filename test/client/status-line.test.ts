/**
 * The game screen's status line and the round summary's notes, without a browser: games played by
 * the shared engine, each player's views on the way read as the client reads them. The status line
 * follows nextDuty (an owed reply before the application's next step, a FIN riding on the owed ACK,
 * a pause that is not "your move"); the summary praises only a goal met and names the lesson's
 * missing steps.
 */
import { pauseGame, resumeGame } from '../../shared/game/game-engine';
import { viewFor, type GameView } from '../../shared/game/game-view';
import { LANGS } from '../../shared/i18n';
import { UI_TEXTS } from '../../client/src/i18n/ui-texts';
import { dutyStatus } from '../../client/src/view/duty-text';
import { summaryNotes } from '../../client/src/view/summary-notes';
import { playGame, translator, viewWhere } from '../helpers/engine-play';

const en = translator('en');
const zh = translator('zh-CN');
const EN = UI_TEXTS.en;

describe('the status line follows the next duty', () => {
  const handshake = playGame('three-way-handshake');
  const closing = playGame('client-closes-first');
  const piggyback = playGame('piggybacked-teardown');

  test('connect() is offered once the server listens, and it says a SYN goes out (as the hint does)', () => {
    const before = viewWhere(handshake, 'the client before listen()', (v) => v.role === 'client');
    expect(dutyStatus(before, en)).toEqual({ kind: 'wait', text: EN.statusWait });
    const open = viewWhere(
      handshake,
      'the client offered connect()',
      (v) => v.role === 'client' && v.you.intent?.intent === 'open',
    );
    const s = dutyStatus(open, en);
    expect(s.kind).toBe('plan');
    expect(s.text).toBe(`Your move. ${EN.intentOpen}`);
    expect(s.text).toMatch(/connect\(\) sends a SYN/);
    expect(dutyStatus(open, zh).text).toMatch(/connect\(\) 会发出一个 SYN/);
  });

  test('after the SYN,ACK arrives the client is told the ACK is owed, not close(); close() comes next', () => {
    const owed = viewWhere(
      closing,
      'the client owing the ACK of the SYN,ACK',
      (v) => v.role === 'client' && v.you.record.state === 'ESTABLISHED' && v.you.record.owed === 'ack',
    );
    const s = dutyStatus(owed, en);
    expect(s).toEqual({ kind: 'reply', text: 'Your move. TCP owes an ACK: acknowledge what just arrived.' });
    expect(s.text).not.toMatch(/close\(\)/);
    const next = closing.views[closing.views.indexOf(owed) + 2]!;
    expect(next.role).toBe('client');
    expect(dutyStatus(next, en).text).toBe(`Your move. ${EN.intentClose}`);
  });

  test('a server in CLOSE_WAIT acknowledges the FIN first, then sends its 7 bytes', () => {
    const server = closing.views.filter((v) => v.role === 'server' && v.you.record.state === 'CLOSE_WAIT');
    const texts = server.map((v) => dutyStatus(v, en).text);
    const ack = texts.indexOf('Your move. TCP owes an ACK: acknowledge what just arrived.');
    const send = texts.indexOf('Your move. Your application wants to send 7 bytes.');
    expect(ack).toBeGreaterThanOrEqual(0);
    expect(send).toBeGreaterThan(ack);
    expect(dutyStatus(server[send]!, zh).text).toBe('轮到你了。 你的应用要发送 7 字节数据。');
  });

  test('in the piggybacked teardown the FIN goes on the owed ACK', () => {
    const v = viewWhere(
      piggyback,
      'the server owing the ACK of the FIN',
      (x) => x.role === 'server' && x.you.record.state === 'CLOSE_WAIT' && x.you.record.owed === 'ack',
    );
    expect(v.you.intent).toEqual({ intent: 'close', piggyback: true });
    for (const [lang, tr] of [
      ['en', en],
      ['zh-CN', zh],
    ] as const) {
      const s = dutyStatus(v, tr);
      expect(s.kind).toBe('reply');
      expect(s.text).toContain(UI_TEXTS[lang].dutyPiggyback);
      expect(s.text).not.toContain(UI_TEXTS[lang].dutyReplyAck);
    }
  });

  test('a reply owed before a plan step names both, the step after, in the singular for one byte', () => {
    const base = viewWhere(closing, 'a server view', (v) => v.role === 'server');
    const view = (intent: GameView['you']['intent'], owed: 'ack' | 'none'): GameView => ({
      ...base,
      phase: 'playing',
      paused: false,
      you: { ...base.you, canAct: true, mustRetransmit: false, intent, record: { ...base.you.record, owed } },
    });
    expect(dutyStatus(view({ intent: 'send', bytesLeft: 1 }, 'ack'), en).text).toBe(
      'Your move. TCP owes an ACK: acknowledge what just arrived. After that, your application sends 1 byte.',
    );
    expect(dutyStatus(view({ intent: 'send', bytesLeft: 1 }, 'none'), en).text).toBe(
      'Your move. Your application wants to send 1 byte.',
    );
  });

  test('a due retransmission comes before anything else', () => {
    const lost = playGame('lost-syn-or-syn-ack');
    const v = viewWhere(lost, 'the client after its RTO', (x) => x.role === 'client' && x.you.mustRetransmit);
    expect(dutyStatus(v, en)).toEqual({ kind: 'retransmit', text: EN.statusRetransmit });
  });

  test('paused is its own kind, not "your move", though the record still owes a reply; resumed, it is', () => {
    let g = playGame('three-way-handshake', undefined, 3).game;
    expect(viewFor(g, 'server', 5000).you.canAct).toBe(true);
    g = pauseGame(g, 5000);
    for (const lang of LANGS) {
      const s = dutyStatus(viewFor(g, 'server', 5000), translator(lang));
      expect(s).toEqual({ kind: 'paused', text: UI_TEXTS[lang].statusPaused });
    }
    g = resumeGame(g, 6000);
    expect(dutyStatus(viewFor(g, 'server', 6000), en).kind).not.toBe('paused');
    expect(dutyStatus(viewFor(g, 'server', 6000), en).text).toMatch(/^Your move\./);
  });

  test('a finished round says so', () => {
    const last = handshake.views.at(-1)!;
    expect(dutyStatus(last, en)).toEqual({ kind: 'finished', text: EN.statusFinished });
  });
});

describe('the round summary', () => {
  test('a clean round with its goal met is praised, and nothing is missing', () => {
    const v = playGame('piggybacked-teardown').views.at(-1)!;
    expect(summaryNotes(v, 'en')).toEqual({ goalMet: true, clean: 'noMistakes', missing: [] });
  });

  test('no praise beside a goal not met; the missing lesson step is named in both languages', () => {
    // the server acknowledges the client's FIN on its own, then closes: legal, but the lesson is
    // the FIN riding on that ACK
    const p = playGame('piggybacked-teardown', (g, side, m) =>
      side === 'server' &&
      g.conn.server.owed === 'ack' &&
      m.kind === 'segment' &&
      g.conn.server.state === 'CLOSE_WAIT'
        ? { kind: 'segment', segment: { ...m.segment, flags: 0x10 } }
        : m,
    );
    expect(p.game.score.server.mistakes).toBe(0);
    const v = p.views.at(-1)!;
    expect(v.result?.missing).toEqual(['server:fin-on-ack']);
    const n = summaryNotes(v, 'en');
    expect(n.goalMet).toBe(false);
    expect(n.clean).toBe('noMistakesGoalNotMet');
    expect(UI_TEXTS.en[n.clean]).not.toMatch(/well done/i);
    expect(n.missing).toEqual([
      {
        step: 'server:fin-on-ack',
        text: "The server put its FIN on the ACK of the client's FIN (a three-segment teardown).",
      },
    ]);
    expect(summaryNotes(v, 'zh-CN').missing[0]!.text).toMatch(/FIN.*ACK/);
  });
});
