/**
 * The round trip of an exported game: every scenario played through the engine, exported as
 * pcapng, read back by the shared reader and judged by the replay (the replay command's own code),
 * and read by tshark: the same segments, the same verdicts, the same final states, nothing
 * malformed, every packet commented.
 */
import {
  CAPTURE_ADDRESSES,
  captureFilename,
  captureSegments,
  gamePcapng,
  type CapturedSegment,
} from '../../../shared/trace/game-capture';
import type { Game } from '../../../shared/game/game-types';
import { SCENARIO_IDS, type ScenarioId } from '../../../shared/scenarios/scenarios';
import { ACK, peerOf, type Side, type TcpState } from '../../../shared/tcp/types';
import { readCapture } from '../../../shared/trace/pcap-reader';
import { replayTrace, type ReplayResult } from '../../../shared/trace/replay';
import { parseArgs, runReplay } from '../../../server/cli/replay-report';
import { playGame } from '../../helpers/engine-play';
import { simulate } from '../../helpers/fair-play-sim';
import { tsharkRead } from '../../helpers/tshark';

const FLAG_BITS_OF = { FIN: 0x01, SYN: 0x02, RST: 0x04, PSH: 0x08, ACK: 0x10, URG: 0x20 } as const;

/** A game with a refused move (the client's ACK out of nowhere) and pointless segments on the way. */
function withMistakes(id: ScenarioId): Game {
  const r = simulate(
    id,
    ['client', 'server'],
    { think: [300, 2500, 900, 40], pick: [0, 1, 2], ties: [0, 1], pointless: [1, 0, 0, 1] },
    {
      skip: {
        side: 'client',
        when: (v) => v.you.canAct,
        move: () => ({ kind: 'segment', segment: { flags: ACK, seq: 12345, ack: 777, len: 0, win: 65535 } }),
      },
    },
  );
  expect(r.refusals).toEqual([]);
  expect(r.skip).toMatch(/^refused:/);
  return r.game;
}

/** A game in which the teacher, as the network, dropped, duplicated and delayed segments in flight. */
function tampered(id: ScenarioId): Game {
  const r = simulate(id, ['client', 'server'], {
    think: [300, 2500, 900, 40],
    pick: [0, 1, 2],
    ties: [0, 1],
    tamper: [
      { at: 800, action: 'drop' },
      { at: 2600, action: 'duplicate' },
      { at: 4000, action: 'drop' },
      { at: 5500, action: 'delay' },
      { at: 7000, action: 'duplicate' },
    ],
  });
  expect(r.refusals).toEqual([]);
  return r.game;
}

/**
 * A game against the catch-the-error bot in which it sent a wrong segment, as the server or else as
 * the client; where it never does (it has nothing to get wrong when refusing a connection), the
 * game against it as it was.
 */
function withCatchBot(id: ScenarioId): Game {
  let game: Game | null = null;
  for (const role of ['server', 'client'] as const)
    for (let seed = 1; seed < 40; seed++) {
      game = playGame(id, undefined, 300, { seed, bot: { role, level: 'catch' } }).game;
      if (game.trapsSent > 0) return game;
    }
  return game!;
}

/**
 * The replay's verdict on each segment, as the game judged them: a bot's deliberately wrong segment
 * is refused, and a judge stops there (the rest is skipped).
 */
function expectedVerdicts(captured: readonly CapturedSegment[]): string[] {
  const trap = captured.findIndex((c) => c.kind === 'trap');
  return captured.map((c, i) =>
    trap === -1 || i < trap ? gameVerdict(c) : i === trap ? 'refused' : 'skipped',
  );
}

/** The replay's verdicts, a segment nobody in the game sent counted as the network's when not refused. */
function replayVerdicts(r: ReplayResult, captured: readonly CapturedSegment[]): string[] {
  return r.steps.map((s, i) =>
    ['injected', 'copy'].includes(captured[i]!.kind) ? network(s.verdict) : s.verdict,
  );
}

/** Index of the bot's first wrong segment, or null. */
function firstTrap(captured: readonly CapturedSegment[]): number | null {
  const i = captured.findIndex((c) => c.kind === 'trap');
  return i === -1 ? null : i;
}

/** What the game's verdict on a captured segment is, in the replay's words (network: nobody's move). */
function gameVerdict(c: CapturedSegment): string {
  if (c.kind !== 'sent') return 'network';
  return c.retransmission ? 'retransmission' : 'accepted';
}

/** A replay verdict on a segment nobody in the game sent: 'network' unless the replay refused it. */
function network(verdict: string): string {
  return verdict === 'accepted' || verdict === 'retransmission' ? 'network' : verdict;
}

/**
 * Each side's state after the last segment: the game's final state, except where a timer moved a
 * side on afterwards (TIME_WAIT's 2MSL), which no capture shows.
 */
function stateAfterSegments(g: Game, side: Side): TcpState {
  const timedOut = g.log.some(
    (e) => e.type === 'timer' && e.side === side && e.timer === 'time-wait' && !e.restarted,
  );
  return timedOut ? 'TIME_WAIT' : g.conn[side].state;
}

/**
 * Whether the reader named the game's server the client: it names the sender of the first SYN so,
 * and in a simultaneous open that may be the server (the names then only tell the two apart).
 */
function swapped(description: string | undefined): boolean {
  expect([
    'captured: 192.0.2.1:49152 -> 192.0.2.2:4000',
    'captured: 192.0.2.2:4000 -> 192.0.2.1:49152',
  ]).toContain(description);
  return description!.startsWith('captured: 192.0.2.2');
}

/** The replay of the file, and each game side's final state in it. */
function replayOf(
  bytes: Uint8Array,
  name: string,
  strict = false,
): { r: ReplayResult; finals: [TcpState, TcpState] } {
  const read = readCapture(bytes, name);
  expect(read.skipped).toEqual([]);
  expect(read.streams).toHaveLength(1);
  const trace = read.streams[0]!.trace;
  const r = replayTrace(trace, { strict });
  return {
    r,
    finals: swapped(trace.description) ? [r.serverFinal, r.clientFinal] : [r.clientFinal, r.serverFinal],
  };
}

const GAMES: [string, ScenarioId, () => Game][] = SCENARIO_IDS.flatMap(
  (id): [string, ScenarioId, () => Game][] => [
    [`${id} (played as the textbook)`, id, () => playGame(id).game],
    [`${id} (with a refused move and pointless segments)`, id, () => withMistakes(id)],
    [`${id} (the teacher drops, duplicates and delays segments)`, id, () => tampered(id)],
    [`${id} (against the catch-the-error bot)`, id, () => withCatchBot(id)],
  ],
);

describe.each(GAMES)('%s', (_title, id, play) => {
  const game = play();
  const captured = captureSegments(game, 'en');
  const bytes = gamePcapng(game, 'en');
  if (captured.length === 0) {
    // the teacher dropped the only segment before it arrived (the injected old SYN): nothing to replay
    it('holds no packet, as nothing was ever on the wire', () => {
      expect(game.log.filter((e) => e.type === 'send' || e.type === 'arrive')).toEqual([]);
      expect(readCapture(bytes, id)).toEqual({ streams: [], frames: 0, skipped: [] });
      expect(tsharkRead(captureFilename(game), bytes, ['frame.number'])).toEqual({ malformed: '', rows: [] });
    });
    return;
  }

  it('reads back as the same segments, from the same sides, at the game times', () => {
    const read = readCapture(bytes, id);
    expect(read.skipped).toEqual([]);
    expect(read.streams).toHaveLength(1);
    const trace = read.streams[0]!.trace;
    const swap = swapped(trace.description);
    const t0 = captured[0]!.t;
    expect(
      trace.segments.map((s) => ({ ...s, from: swap ? peerOf(s.from) : s.from, t: Math.round(s.t! * 1000) })),
    ).toEqual(
      captured.map((c) => ({
        from: c.from,
        flags: Object.entries(FLAG_BITS_OF)
          .filter(([, bit]) => c.segment.flags & bit)
          .map(([name]) => name),
        seq: c.segment.seq,
        ack: c.segment.ack,
        len: c.segment.len,
        win: c.segment.win,
        t: c.t - t0,
      })),
    );
  });

  it('is judged by the replay as the game judged it: same verdicts, same final states, refused only at a bot trap', () => {
    const { r, finals } = replayOf(bytes, id);
    expect(r.firstRejected).toBe(firstTrap(captured));
    // a segment nobody in the game sent is not refused either
    expect(replayVerdicts(r, captured)).toEqual(expectedVerdicts(captured));
    if (r.firstRejected !== null) return; // a judge stops at the first wrong segment
    expect(finals).toEqual([stateAfterSegments(game, 'client'), stateAfterSegments(game, 'server')]);
    // with nothing lost, copied or injected, every arrival the game logged has the same notes in the
    // replay (a lost segment is identical to its resend or to a later pure ACK: a capture cannot
    // tell which of the two arrived, nor an old SYN from the client's own)
    if (captured.some((c) => c.kind !== 'sent' || game.log.some((e) => e.type === 'lost'))) return;
    const arrived = new Map(
      [...r.steps.flatMap((s) => s.arrivalsBefore), ...r.finalArrivals].map((a) => [a.index, a.notes]),
    );
    captured.forEach((c, i) => {
      const a = game.log.find((e) => e.type === 'arrive' && e.segmentId === c.segmentId);
      if (a?.type === 'arrive') expect(arrived.get(i)).toEqual(a.notes);
    });
  });

  it('is judged the same by the strict replay (the game judge), up to an old segment nobody here sent', () => {
    const { r, finals } = replayOf(bytes, id, true);
    if (r.firstRejected !== null) {
      // the game judge calls it a wrong move; the capture mode explains an old one (CAP_EARLIER_CONNECTION)
      expect(['injected', 'trap']).toContain(captured[r.firstRejected]!.kind);
      return;
    }
    expect(replayVerdicts(r, captured)).toEqual(expectedVerdicts(captured));
    expect(finals).toEqual([stateAfterSegments(game, 'client'), stateAfterSegments(game, 'server')]);
  });

  it('replays in the replay command with no refusal but at a bot trap', () => {
    const args = parseArgs(['--json', `${id}.pcapng`]);
    if ('error' in args) throw new Error(args.error);
    const r = runReplay([{ path: `${id}.pcapng`, bytes }], args.options);
    const trap = firstTrap(captured);
    expect(r.status).toBe(trap === null ? 0 : 1);
    const json = JSON.parse(r.out) as { ok: boolean; traces: { steps: { verdict: string }[] }[] };
    expect(json.ok).toBe(trap === null);
    const refused = json.traces[0]!.steps.flatMap((s, i) => (s.verdict === 'refused' ? [i] : []));
    expect(refused).toEqual(trap === null ? [] : [trap]);
  });

  it('fills every number and state its comments name (none is left as "?")', () => {
    for (const c of captured) expect(c.comment).not.toMatch(/=\?|\s\?(\s|[.,:;]|$)/);
  });

  it('is read by tshark with nothing malformed, the same flags, seq and ack, and a comment on every packet', () => {
    const { malformed, rows } = tsharkRead(captureFilename(game), bytes, [
      'ip.src',
      'tcp.flags',
      'tcp.seq',
      'tcp.ack',
      'tcp.len',
      'ip.checksum.status',
      'tcp.checksum.status',
      'frame.comment',
    ]);
    expect(malformed).toBe('');
    expect(
      rows.map((r) => [
        r['ip.src'],
        Number(r['tcp.flags']),
        Number(r['tcp.seq']),
        Number(r['tcp.ack']),
        Number(r['tcp.len']),
      ]),
    ).toEqual(
      captured.map((c) => [
        CAPTURE_ADDRESSES[c.from].join('.'),
        c.segment.flags,
        c.segment.seq,
        c.segment.ack,
        c.segment.len,
      ]),
    );
    expect(rows.map((r) => `${r['ip.checksum.status']}${r['tcp.checksum.status']}`)).toEqual(
      captured.map(() => '11'),
    );
    // tshark shows a newline in a comment as \n
    expect(rows.map((r) => r['frame.comment'])).toEqual(captured.map((c) => c.comment.replace(/\n/g, '\\n')));
  });
});

describe('the comments', () => {
  it('give the verdict and what the segment did, in English and in Chinese', () => {
    const { game } = playGame('three-way-handshake');
    const [syn] = captureSegments(game, 'en');
    expect(syn!.comment).toMatch(
      /^#1 client → server SYN seq=1000 ack=0 len=0 win=65535: accepted\nat the server: SYN seq=1000 received: now SYN_RCVD, owes SYN,ACK with ack=1001\./,
    );
    const [synZh] = captureSegments(game, 'zh-CN');
    expect(synZh!.comment).toMatch(
      /^#1 客户端 → 服务器 SYN seq=1000 .*判定：正确\n到达服务器：收到 SYN seq=1000：进入 SYN_RCVD/,
    );
  });

  it('write a lost segment where it was sent, saying the receiver never got it', () => {
    const { game } = playGame('lost-last-ack');
    const lost = game.log.find((e) => e.type === 'lost')!;
    const c = captureSegments(game, 'en').find(
      (x) => x.segmentId === (lost.type === 'lost' ? lost.segmentId : -1),
    )!;
    const send = game.log.find((e) => e.type === 'send' && e.segmentId === c.segmentId)!;
    expect(c.t).toBe(send.t);
    expect(c.comment).toContain(
      'lost on the way: the server never received it, so it never acknowledges it.',
    );
  });

  it('put a refused move on the next packet, not on the wire', () => {
    const game = withMistakes('three-way-handshake');
    const refusedAt = game.log.findIndex((e) => e.type === 'refused');
    const next = game.log.slice(refusedAt).find((e) => e.type === 'send')!;
    const captured = captureSegments(game, 'en');
    expect(captured.some((c) => c.segment.seq === 12345 && c.segment.ack === 777)).toBe(false);
    const c = captured.find((x) => next.type === 'send' && x.segmentId === next.segmentId)!;
    expect(c.comment).toMatch(
      /^refused, never on the wire: the client tried ACK seq=12345 ack=777 len=0 win=65535: /,
    );
    const zh = captureSegments(game, 'zh-CN').find((x) => x.segmentId === c.segmentId)!;
    expect(zh.comment).toMatch(/^被拒绝，从未上线：客户端试图发送 ACK seq=12345/);
  });

  it('say that an injected segment was sent by nobody in the game', () => {
    const { game } = playGame('old-segment-new-connection');
    const c = captureSegments(game, 'en').find((x) => x.kind === 'injected')!;
    expect(c.from).toBe('server');
    expect(c.comment).toContain('sent by nobody in this game');
  });

  it('name the file after the scenario and the game date', () => {
    expect(captureFilename({ scenarioId: 'lost-last-ack', createdAt: Date.UTC(2026, 11, 4, 17) })).toBe(
      'handshake-arena-lost-last-ack-2026-12-04.pcapng',
    );
  });
});
