/**
 * The messages between the benchmark's processes over Node's IPC channel: the orchestrator
 * (run.ts), the load generators (generator.ts) and the server under test (through the probe,
 * server-probe.ts, or the relay itself).
 */

/** Every round the players play: handshake, data (delivered twice), teardown, TIME_WAIT. */
export const SCENARIO = 'client-closes-first';

/** relay: the bare Socket.IO relay; game: the game server (memory or Redis stores). */
export type LoadMode = 'relay' | 'game';

export interface SetupMessage {
  type: 'setup';
  mode: LoadMode;
  url: string;
  /** Which generator this is (names its relay pairs apart from the others'). */
  index: number;
  pairs: number;
  /** Handshakes (and pairings) in progress at once. */
  concurrency: number;
  /** Give up on a handshake or a pairing after this long. */
  timeoutMs: number;
}

/** A measured phase: it starts at `startAt` (epoch ms), is measured after the warm-up, then stops. */
export interface PhaseTiming {
  startAt: number;
  warmupMs: number;
  measureMs: number;
}

export interface FixedMessage extends PhaseTiming {
  type: 'fixed';
  /** Moves per second this generator sends. */
  rate: number;
}

export interface SaturateMessage extends PhaseTiming {
  type: 'saturate';
  /** Moves awaiting their answer at once (a closed loop: the next is sent when one is answered). */
  window: number;
}

export type ToGenerator = SetupMessage | FixedMessage | SaturateMessage | { type: 'stop' };

export interface ConnectResult {
  players: number;
  failed: number;
  pairsPlaying: number;
  ms: number;
  errors: string[];
}

export interface PhaseResult {
  phase: 'fixed' | 'saturate';
  /** The measured window's length (ms). */
  windowMs: number;
  /** Moves sent in the window. */
  sent: number;
  /** Moves answered (accepted) in the window. */
  moves: number;
  /** Moves answered with a refusal in the window, by code (a stale view: rare, and reported). */
  refused: Record<string, number>;
  /** Moves without an answer within the emit timeout. */
  timeouts: number;
  /** Moves due at the fixed rate that found no player able to move. */
  starved: number;
  /** Round trips (emit to answer) of the window's moves, ms. */
  rtt: number[];
  /** Emit to the partner's game:update (or forward) of the window's moves, ms. */
  toOpponent: number[];
  /** Games that ended in the window, and of them those whose goal was met. */
  gamesFinished: number;
  goalMet: number;
  /** Connections lost in the window. */
  disconnects: number;
  /** Pushed updates received in the window (game:update, or relay:forward). */
  updates: number;
  /** Moves sent in the window that were retransmissions (the game's timer had fired). */
  retransmissions: number;
  /** Socket.IO packet text received from the server in the window (answers and pushes). */
  bytes: number;
  /** Moves answered BUSY (sent again), and updates that did not apply (whole view asked for). */
  busy: number;
  gaps: number;
  /** This generator's players still connected when the phase ended. */
  connected: number;
  /**
   * Players who, when the phase ended, had been waiting for longer than STALL_MS for a rematch
   * their partner had already accepted, or for an answer: their pair no longer plays.
   */
  stalled: number;
  /** This generator's CPU time over the window (µs). */
  cpuMicros: number;
  /** This generator's event-loop delay p99 and maximum over the window (ms). */
  loopP99Ms: number;
  loopMaxMs: number;
}

export type FromGenerator =
  | { type: 'connected'; result: ConnectResult }
  | { type: 'phase'; result: PhaseResult }
  | { type: 'error'; message: string };

/** Asks the server under test for its CPU time and memory; with gc, after a full collection. */
export interface ProbeRequest {
  type: 'probe';
  id: number;
  gc: boolean;
  /** Starts a new window for the event-loop and GC figures once this request is answered. */
  reset?: boolean;
}

export interface ProbeReply {
  type: 'probe';
  id: number;
  /** User plus system CPU time since the process started (µs). */
  cpuMicros: number;
  rss: number;
  heapUsed: number;
  /** False when a collection was asked but the process was not started with --expose-gc. */
  gcDone: boolean;
  /** Event-loop delay p99 and maximum since the last reset (ms, the sampling interval taken off). */
  loopP99Ms: number;
  loopMaxMs: number;
  /** Garbage-collection pauses since the last reset: their total and the longest (ms). */
  gcMs: number;
  gcMaxMs: number;
  /**
   * Full (mark-compact) collections since the last reset. With the server pinned to one core, the
   * concurrent marking of one takes that core from the event loop for hundreds of ms (a stall).
   */
  majorGcs: number;
}

/** What the relay says once it listens (the game server is found by connecting to its port). */
export interface ListeningMessage {
  type: 'listening';
  port: number;
}

/** True for a probe request (the probe ignores anything else on the channel). */
export function isProbeRequest(m: unknown): m is ProbeRequest {
  return (
    typeof m === 'object' &&
    m !== null &&
    (m as { type?: unknown }).type === 'probe' &&
    typeof (m as { id?: unknown }).id === 'number'
  );
}
