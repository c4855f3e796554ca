/**
 * Classes: a teacher's record changed only by compare-and-set, the round's games created and
 * followed through the GameService, results recorded exactly once per game (by whoever moves its
 * pair on), the dashboard and the students' views sent after every change. The round's time limit
 * is a scheduler wake-up ('class-round', classId), so any node can end it.
 */
import { createHash, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type {
  ClassRoom,
  HostView,
  RoundConfig,
  RoundPair,
  Student,
  StudentView,
} from '../../shared/class/class-types';
import { CLASS_SCHEMA_VERSION } from '../../shared/class/class-types';
import { buildHostView, type ClassSnapshot } from '../../shared/class/host-view';
import { adjustPlan, assignRoles, autoPairs, pairKey } from '../../shared/class/pairing';
import { resultRows } from '../../shared/class/results';
import { buildStudentView } from '../../shared/class/student-view';
import {
  abandonGame,
  armWire,
  pauseGame,
  resumeGame,
  stopGame,
  tamperWire,
  type WireAction,
} from '../../shared/game/game-engine';
import type { Game, GameSettings } from '../../shared/game/game-types';
import { viewFor } from '../../shared/game/game-view';
import { checkSettings } from '../../shared/game/settings';
import type { Lang } from '../../shared/i18n';
import type { ArmedEntry, WatchView } from '../../shared/protocol/events';
import type { Side } from '../../shared/tcp/types';
import type { Clock } from '../clock';
import type { Config } from '../config';
import { newGame, type Seating } from '../games/game-factory';
import { sideOf, type GameService } from '../games/game-service';
import { sessionRoom, unbindSeat } from '../games/seat-rooms';
import type { Seats } from '../games/seats';
import type { Logger } from '../logger';
import { CODE_ALPHABET, newCode } from '../match/private-codes';
import type { Scheduler } from '../scheduler';
import type { SessionService } from '../sessions/session-service';
import { newId } from '../sessions/session-ids';
import { ServerError } from '../socket/errors';
import type { AppServer, AppSocket } from '../socket/types';
import type { Session } from '../stores/session-store';
import type { Stores } from '../stores/stores';
import type { TaskTracker } from '../task-tracker';
import { DashboardPublisher } from './dashboard-publisher';
import { JoinLimiter, type Guess } from './join-limiter';
import {
  hostRoom,
  joinRoom,
  leaveRooms,
  moveWatchers,
  stopWatching,
  studentRoom,
  watchRoom,
} from './class-rooms';

const CAS_ATTEMPTS = 20;
const CODE_ATTEMPTS = 20;
const SIDES: readonly Side[] = ['client', 'server'];
/** A round without a chosen duration lasts this long. */
export const DEFAULT_ROUND_MS = 15 * 60_000;

export interface ClassServiceDeps {
  config: Config;
  clock: Clock;
  stores: Stores;
  io: AppServer;
  scheduler: Scheduler;
  logger: Logger;
  tasks: TaskTracker;
  games: GameService;
  sessions: SessionService;
  seats: Seats;
}

export type ClassRole = 'host' | 'student' | null;

/** A join code as typed: spaces and dashes dropped, upper case. */
export function normalizeClassCode(typed: string): string {
  return typed.replace(/[\s-]+/g, '').toUpperCase();
}

/** The sha256 of a host token, hex. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** Whether a presented host token matches the stored hash (constant time). */
function tokenMatches(token: string, hash: string): boolean {
  const a = Buffer.from(hashToken(token), 'hex');
  const b = Buffer.from(hash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Nicknames compare without case and width differences (ＡＢ and ab are the same name). */
function nickKey(n: string): string {
  return n.trim().normalize('NFKC').toLocaleLowerCase('en');
}

/** Students' sessions of a round pair. */
function humans(p: RoundPair): string[] {
  return [p.client, p.server].filter((x): x is string => x !== null);
}

function active(p: RoundPair): boolean {
  return !p.done && p.gameId !== null;
}

export class ClassService {
  readonly limiter: JoinLimiter;
  private readonly dash: DashboardPublisher<HostView>;

  constructor(private readonly d: ClassServiceDeps) {
    this.limiter = new JoinLimiter(d.stores.limits, d.clock, d.config.classJoinFailsPerMin);
    this.dash = new DashboardPublisher<HostView>({
      clock: d.clock,
      scheduler: d.scheduler,
      limits: d.stores.limits,
      intervalMs: d.config.dashboardMs,
      build: (id) => this.buildDashboard(id),
      emit: (id, view, at) => {
        this.d.io.to(hostRoom(id)).emit('class:host', view);
        // when it went out, as the throttle counts it (LOG_LEVEL=debug)
        this.d.logger.debug({ classId: id, at }, 'dashboard sent');
      },
    });
    d.scheduler.define('class-round', (id) => this.roundTimeUp(id));
    d.scheduler.define('class-gc', (id) => this.close(id));
    d.games.onChange((before, after) => {
      const classId = after.classId;
      if (classId !== null) d.tasks.run('class-game', () => this.gameChanged(classId, before, after));
    });
  }

  get(id: string): Promise<ClassRoom | null> {
    return this.d.stores.classes.get(id);
  }

  /**
   * Applies `fn` to the stored class and saves it with compare-and-set, retrying on conflict
   * (`fn` must be pure apart from what it throws); `fn` returns null to change nothing. After a
   * change the class's expiry moves on and its dashboard is sent. Null when the class is gone.
   */
  async mutate(
    id: string,
    fn: (c: ClassRoom, now: number) => ClassRoom | null,
  ): Promise<{ cls: ClassRoom; changed: boolean } | null> {
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const stored = await this.d.stores.classes.get(id);
      if (!stored) return null;
      const now = this.d.clock.now();
      const next = fn(structuredClone(stored), now);
      if (!next) return { cls: stored, changed: false };
      next.version = stored.version + 1;
      if (!(await this.d.stores.classes.update(next, stored.version))) {
        // a class is one record many students change at once: back off a random while, longer
        // each time, so the writers spread out instead of colliding again
        await new Promise((r) => setTimeout(r, Math.random() * Math.min(100, 2 ** i)));
        continue;
      }
      this.d.scheduler.set('class-gc', id, now + this.d.config.classTtlMs);
      await this.dash.request(id);
      return { cls: next, changed: true };
    }
    // nothing was changed: a clear "try again", never INTERNAL
    throw new ServerError('BUSY', `class ${id}: too many changes at once`);
  }

  /** The class role of a session (host, student, or none), with its class. */
  async roleOf(s: Session): Promise<{ role: ClassRole; cls: ClassRoom | null }> {
    if (s.classId === null) return { role: null, cls: null };
    const cls = await this.get(s.classId);
    if (!cls) return { role: null, cls: null };
    if (cls.hostSessionId === s.id) return { role: 'host', cls };
    if (cls.students.some((x) => x.sessionId === s.id)) return { role: 'student', cls };
    return { role: null, cls };
  }

  /** ALREADY_IN_CLASS when the session hosts or attends a class; a stale link is dropped. */
  async ensureNoClass(s: Session): Promise<void> {
    if (s.classId === null) return;
    const { role } = await this.roleOf(s);
    if (role !== null) throw new ServerError('ALREADY_IN_CLASS');
    const stale = s.classId;
    await this.d.sessions.mutate(s.id, (x) => (x.classId === stale ? { ...x, classId: null } : null));
  }

  // ---- views ----

  private async snapshot(cls: ClassRoom): Promise<ClassSnapshot> {
    const ids = cls.round ? cls.round.pairs.map((p) => p.gameId).filter((x): x is string => x !== null) : [];
    const loaded = await Promise.all(ids.map((id) => this.d.games.get(id)));
    const games = new Map<string, Game>();
    for (const g of loaded) if (g) games.set(g.id, g);
    const results = await this.d.stores.classes.results(cls.id);
    return { cls, games, results, now: this.d.clock.now() };
  }

  /** The teacher's dashboard, in `lang`. */
  async hostView(cls: ClassRoom, lang: Lang): Promise<HostView> {
    const snap = await this.snapshot(cls);
    const sessions = await Promise.all(cls.students.map((st) => this.d.sessions.get(st.sessionId)));
    const connected = new Set(sessions.filter((s) => s !== null && s.graceUntil === null).map((s) => s!.id));
    const joinUrl = this.d.config.publicUrl ? `${this.d.config.publicUrl}/join/${cls.code}` : null;
    return buildHostView(snap, connected, lang, joinUrl);
  }

  /** A student's view of the class. */
  async studentView(cls: ClassRoom, sessionId: string): Promise<StudentView | null> {
    return buildStudentView(await this.snapshot(cls), sessionId);
  }

  private async hostLang(cls: ClassRoom): Promise<Lang> {
    return (await this.d.sessions.get(cls.hostSessionId))?.lang ?? 'zh-CN';
  }

  private async buildDashboard(id: string): Promise<HostView | null> {
    const cls = await this.get(id);
    return cls ? this.hostView(cls, await this.hostLang(cls)) : null;
  }

  /** Sends each student (or only `only`) its view of the class. */
  async notifyStudents(cls: ClassRoom, only?: readonly string[]): Promise<void> {
    const snap = await this.snapshot(cls);
    for (const st of cls.students) {
      if (only && !only.includes(st.sessionId)) continue;
      const v = buildStudentView(snap, st.sessionId);
      if (v) this.d.io.to(sessionRoom(st.sessionId)).emit('class:student', v);
    }
  }

  /** Asks for a dashboard update (presence changes, game changes). */
  touch(classId: string): Promise<void> {
    return this.dash.request(classId);
  }

  // ---- hosting ----

  /** A new class hosted by the session; the host token is returned once and only its hash kept. */
  async create(
    s: Session,
    o: { title?: string; pairing?: ClassRoom['pairing']['mode']; rotate?: boolean },
  ): Promise<{ hostToken: string; cls: ClassRoom }> {
    await this.ensureNoClass(s);
    await this.d.seats.ensureFree(s);
    const hostToken = randomBytes(32).toString('base64url');
    const now = this.d.clock.now();
    let cls: ClassRoom | null = null;
    for (let i = 0; i < CODE_ATTEMPTS && cls === null; i++) {
      const c: ClassRoom = {
        schema: CLASS_SCHEMA_VERSION,
        version: 1,
        id: newId('c', 9),
        code: newCode(),
        title: o.title ?? '',
        createdAt: now,
        hostTokenHash: hashToken(hostToken),
        hostSessionId: s.id,
        locked: false,
        students: [],
        kicked: [],
        pairing: { mode: o.pairing ?? 'arrival', rotate: o.rotate ?? true },
        plannedPairs: null,
        pastPairs: [],
        round: null,
        roundsPlayed: 0,
      };
      if (await this.d.stores.classes.create(c)) cls = c;
    }
    if (!cls) throw new Error('no free class code');
    const id = cls.id;
    let claimed = false;
    await this.d.sessions.mutate(s.id, (x) => {
      claimed = x.classId === null;
      return claimed ? { ...x, classId: id } : null;
    });
    if (!claimed) {
      await this.d.stores.classes.delete(id);
      throw new ServerError('ALREADY_IN_CLASS');
    }
    joinRoom(this.d.io, s.id, hostRoom(id));
    this.d.scheduler.set('class-gc', id, now + this.d.config.classTtlMs);
    this.d.logger.info({ classId: id, code: cls.code, host: s.id }, 'class created');
    return { hostToken, cls };
  }

  /**
   * Another session takes the class over with its code and host token. Wrong ones count as guesses
   * of the address; a right one passes even when the address used up its guesses (a token cannot
   * be guessed, so guessers must not lock the teacher out).
   */
  async reclaim(s: Session, code: string, hostToken: string, address: string): Promise<ClassRoom> {
    const cls = await this.limiter.guess(
      address,
      async (): Promise<Guess<ClassRoom>> => {
        const id = await this.d.stores.classes.idOfCode(normalizeClassCode(code));
        const found = id === null ? null : await this.get(id);
        if (!found) return { right: false, error: new ServerError('CLASS_NOT_FOUND') };
        if (!tokenMatches(hostToken, found.hostTokenHash))
          return { right: false, error: new ServerError('HOST_TOKEN_INVALID') };
        return { right: true, value: found };
      },
      { rightPassesLimit: true },
    );
    if (cls.hostSessionId !== s.id) {
      if (s.classId !== cls.id) {
        await this.ensureNoClass(s);
        await this.d.seats.ensureFree(s);
      } else if (cls.students.some((x) => x.sessionId === s.id)) {
        throw new ServerError('ALREADY_IN_CLASS');
      }
    }
    const seen: { old: string | null } = { old: null };
    const r = await this.mutate(cls.id, (c) => {
      seen.old = c.hostSessionId === s.id ? null : c.hostSessionId;
      if (seen.old === null) return null;
      c.hostSessionId = s.id;
      return c;
    });
    if (!r) throw new ServerError('CLASS_NOT_FOUND');
    await this.d.sessions.mutate(s.id, (x) => ({ ...x, classId: cls.id }));
    joinRoom(this.d.io, s.id, hostRoom(cls.id));
    if (seen.old !== null) {
      const before = seen.old;
      await this.d.sessions.mutate(before, (x) => (x.classId === cls.id ? { ...x, classId: null } : null));
      leaveRooms(this.d.io, before, [hostRoom(cls.id)]);
      for (const sock of await this.d.io.in(sessionRoom(before)).fetchSockets())
        for (const room of sock.rooms) if (room.startsWith('watch:')) sock.leave(room);
      this.d.logger.info({ classId: cls.id, from: before, to: s.id }, 'class reclaimed');
    }
    return r.cls;
  }

  // ---- students ----

  /**
   * A student joins with the code and a nickname. Checked in this order: the address's guesses,
   * the code, a kicked session, joining again (idempotent), another class or game, the lock, the
   * nickname.
   */
  async join(s: Session, code: string, nickname: string, address: string): Promise<ClassRoom> {
    const cls = await this.limiter.guess(address, async (): Promise<Guess<ClassRoom>> => {
      const typed = normalizeClassCode(code);
      const id = [...typed].every((ch) => CODE_ALPHABET.includes(ch))
        ? await this.d.stores.classes.idOfCode(typed)
        : null;
      const found = id === null ? null : await this.get(id);
      return found
        ? { right: true, value: found }
        : { right: false, error: new ServerError('CLASS_NOT_FOUND') };
    });
    if (cls.kicked.includes(s.id)) throw new ServerError('KICKED');
    if (cls.students.some((x) => x.sessionId === s.id)) {
      // a reload: the same session is already a student here
      await this.d.sessions.mutate(s.id, (x) => (x.classId === cls.id ? null : { ...x, classId: cls.id }));
      joinRoom(this.d.io, s.id, studentRoom(cls.id));
      return cls;
    }
    await this.ensureNoClass(s);
    await this.d.seats.ensureFree(s);
    const name = nickname.trim();
    let claimed = false;
    await this.d.sessions.mutate(s.id, (x) => {
      claimed = x.classId === null;
      return claimed ? { ...x, classId: cls.id } : null;
    });
    if (!claimed) throw new ServerError('ALREADY_IN_CLASS');
    try {
      const r = await this.mutate(cls.id, (c, now) => {
        if (c.kicked.includes(s.id)) throw new ServerError('KICKED');
        if (c.locked) throw new ServerError('CLASS_LOCKED');
        if (c.students.some((x) => nickKey(x.nickname) === nickKey(name)))
          throw new ServerError('NICKNAME_TAKEN');
        c.students.push({ sessionId: s.id, playerId: s.playerId, nickname: name, joinedAt: now });
        if (c.plannedPairs) c.plannedPairs = adjustPlan(c.plannedPairs, this.present(c));
        return c;
      });
      if (!r) throw new ServerError('CLASS_NOT_FOUND');
      // the class nickname is the one shown in games too
      await this.d.sessions.mutate(s.id, (x) => ({ ...x, nickname: name }));
      joinRoom(this.d.io, s.id, studentRoom(cls.id));
      return r.cls;
    } catch (err) {
      await this.d.sessions.mutate(s.id, (x) => (x.classId === cls.id ? { ...x, classId: null } : null));
      throw err;
    }
  }

  /** Session ids of the students, in arrival order. */
  private present(c: ClassRoom): string[] {
    return c.students.map((x) => x.sessionId);
  }

  /**
   * A student leaves the class (left, kicked or gone): out of the roster and the plan; a game of
   * the running round ends abandoned and is recorded, the partner waits for the next round.
   */
  async removeStudent(classId: string, sid: string, reason: 'left' | 'kicked' | 'expired'): Promise<boolean> {
    // what the winning attempt saw (an object: assignments in a callback escape narrowing)
    const seen: { pair: RoundPair | null; round: number; student: Student | null } = {
      pair: null,
      round: 0,
      student: null,
    };
    const r = await this.mutate(classId, (c) => {
      seen.pair = null;
      seen.student = c.students.find((x) => x.sessionId === sid) ?? null;
      if (!seen.student) return null;
      c.students = c.students.filter((x) => x.sessionId !== sid);
      if (reason === 'kicked' && !c.kicked.includes(sid)) c.kicked.push(sid);
      if (c.plannedPairs) c.plannedPairs = adjustPlan(c.plannedPairs, this.present(c));
      const p =
        c.round && c.round.phase !== 'ended' ? c.round.pairs.find((x) => humans(x).includes(sid)) : null;
      if (p && active(p)) {
        p.done = true;
        seen.pair = { ...p };
        seen.round = c.round!.index;
      }
      return c;
    });
    if (!r?.changed) return false;
    const s = await this.d.sessions.mutate(sid, (x) =>
      x.classId === classId ? { ...x, classId: null } : null,
    );
    leaveRooms(this.d.io, sid, [studentRoom(classId)]);
    if (reason === 'kicked') this.d.io.to(sessionRoom(sid)).emit('class:removed', { reason: 'kicked' });
    const p = seen.pair;
    if (p !== null && p.gameId !== null) {
      const gameId = p.gameId;
      const side: Side = p.client === sid ? 'client' : 'server';
      const done = await this.d.games.change(gameId, (g, now) => ({
        game: abandonGame(g, side, now),
        value: null,
      }));
      // the leaver's figures of this game are results too: recorded as a student of the class
      const students = seen.student ? [...r.cls.students, seen.student] : r.cls.students;
      if (done) await this.record(classId, done.game, seen.round, { ...r.cls, students });
    }
    if (s?.gameId) {
      const g = await this.d.games.get(s.gameId);
      if (g?.classId === classId) {
        const gid = s.gameId;
        await this.d.sessions.mutate(sid, (x) => (x.gameId === gid ? { ...x, gameId: null } : null));
        unbindSeat(this.d.io, sid, gid);
      }
    }
    this.d.logger.info({ classId, sessionId: sid, reason }, 'student left the class');
    if (p !== null) await this.notifyStudents(r.cls, humans(p));
    await this.endIfAllDone(classId);
    return true;
  }

  // ---- pairs and rounds ----

  /** Pairs for the next round by the class's mode (rotating partners when asked). */
  autoPlan(c: ClassRoom): ClassRoom['plannedPairs'] {
    return autoPairs({
      students: this.present(c),
      mode: c.pairing.mode,
      rotate: c.pairing.rotate,
      pastPairs: c.pastPairs,
      offset: c.roundsPlayed,
      seed: randomInt(0, 0x1_0000_0000),
    });
  }

  /** The game settings of a round: the server's, with MSL scaled (a whole number of ms). */
  roundSettings(mslScale: number): { settings: GameSettings; problems: string[] } {
    const base = this.d.config.settings;
    const settings = { ...base, mslMs: Math.round(base.mslMs * mslScale) };
    return { settings, problems: checkSettings(settings) };
  }

  private gameFor(
    cls: ClassRoom,
    seating: { client: string | null; server: string | null },
    config: RoundConfig,
    scenarioIndex: number,
    settings: GameSettings,
    now: number,
  ): Game {
    const players: Seating[] = [];
    for (const side of SIDES) {
      const sid = seating[side];
      if (sid === null) continue;
      const st = cls.students.find((x) => x.sessionId === sid);
      players.push({ side, sessionId: sid, nickname: st?.nickname ?? '' });
    }
    const botSide = SIDES.find((x) => seating[x] === null);
    return newGame({
      scenarioId: config.scenarios[scenarioIndex]!,
      settings,
      now,
      players,
      bot: botSide ? { role: botSide, level: config.level } : null,
      hints: config.hints,
      classId: cls.id,
    });
  }

  /** Starts a round: one game per pair, the time limit set, every student told. */
  async startRound(
    classId: string,
    p: Partial<RoundConfig> & Pick<RoundConfig, 'scenarios'>,
  ): Promise<ClassRoom> {
    const config: RoundConfig = {
      scenarios: p.scenarios,
      level: p.level ?? 'partner',
      mslScale: p.mslScale ?? 1,
      durationMs: p.durationMs ?? DEFAULT_ROUND_MS,
      hints: p.hints ?? false,
    };
    const { settings, problems } = this.roundSettings(config.mslScale);
    if (problems.length) throw new ServerError('SETTINGS_INVALID', problems.join('; '));
    const cls0 = await this.get(classId);
    if (!cls0) throw new ServerError('CLASS_NOT_FOUND');
    // students whose session is gone cannot play: they leave the roster now
    for (const st of cls0.students)
      if (!(await this.d.sessions.get(st.sessionId)))
        await this.removeStudent(classId, st.sessionId, 'expired');
    let games: Game[] = [];
    const r = await this.mutate(classId, (c, now) => {
      if (c.round && c.round.phase !== 'ended') throw new ServerError('ROUND_RUNNING');
      if (c.students.length === 0) throw new ServerError('NOT_ENOUGH_STUDENTS');
      const plan = c.plannedPairs ? adjustPlan(c.plannedPairs, this.present(c)) : this.autoPlan(c)!;
      const lastRoles: Record<string, Side> = {};
      for (const x of c.round?.pairs ?? []) {
        if (x.client) lastRoles[x.client] = 'client';
        if (x.server) lastRoles[x.server] = 'server';
      }
      const seatings = assignRoles(plan, lastRoles);
      games = seatings.map((st) => this.gameFor(c, st, config, 0, settings, now));
      c.round = {
        index: c.roundsPlayed + 1,
        config,
        phase: 'playing',
        startedAt: now,
        endsAt: now + config.durationMs,
        pausedAt: null,
        endedAt: null,
        pairs: seatings.map((st, i) => ({
          id: `pair-${i + 1}`,
          client: st.client,
          server: st.server,
          gameId: games[i]!.id,
          scenarioIndex: 0,
          done: false,
        })),
      };
      for (const x of plan) if (x.b !== null) c.pastPairs.push(pairKey(x.a, x.b));
      c.pastPairs = [...new Set(c.pastPairs)];
      c.plannedPairs = null;
      return c;
    });
    if (!r) throw new ServerError('CLASS_NOT_FOUND');
    const round = r.cls.round!;
    for (const [i, g] of games.entries()) {
      const ok = await this.openGame(g);
      if (!ok) await this.markDone(classId, round.pairs[i]!.id, g.id);
    }
    this.d.scheduler.set('class-round', classId, round.endsAt);
    this.d.logger.info({ classId, round: round.index, pairs: round.pairs.length }, 'round started');
    const cls = (await this.get(classId)) ?? r.cls;
    await this.notifyStudents(cls);
    await this.dash.request(classId);
    return cls;
  }

  /** Seats a game's players (leaving a finished game first) and starts it; false when it could not be. */
  private async openGame(g: Game): Promise<boolean> {
    try {
      for (const side of SIDES) {
        const sid = g.players[side];
        if (sid === null) continue;
        const s = await this.d.sessions.get(sid);
        if (!s) throw new ServerError('SESSION_INVALID');
        if (s.gameId !== null) {
          const cur = await this.d.games.get(s.gameId);
          if (cur && cur.phase !== 'finished' && sideOf(cur, sid)) throw new ServerError('ALREADY_IN_GAME');
          const old = s.gameId;
          await this.d.sessions.mutate(sid, (x) => (x.gameId === old ? { ...x, gameId: null } : null));
          unbindSeat(this.d.io, sid, old);
        }
      }
      await this.d.seats.open(g);
      return true;
    } catch (err) {
      this.d.logger.warn({ err, gameId: g.id }, 'a class game could not start');
      return false;
    }
  }

  private async markDone(classId: string, pairId: string, gameId: string): Promise<void> {
    await this.mutate(classId, (c) => {
      const p = c.round?.pairs.find((x) => x.id === pairId && x.gameId === gameId && !x.done);
      if (!p) return null;
      p.done = true;
      return c;
    });
  }

  /** Records a game's rows for the students of the class. */
  private async record(classId: string, g: Game, round: number, cls: ClassRoom): Promise<void> {
    const rows = resultRows(g, round, cls.students);
    if (rows.length) await this.d.stores.classes.addResults(classId, rows);
  }

  /** A class game changed: the dashboard and spectators follow; a finished game moves its pair on. */
  private async gameChanged(classId: string, before: Game, after: Game): Promise<void> {
    const cls = await this.get(classId);
    if (!cls) return;
    const pair = cls.round?.pairs.find((p) => p.gameId === after.id);
    if (pair) this.emitWatch(pair.id, after);
    await this.dash.request(classId);
    if (after.result && !before.result) await this.pairFinished(classId, after.id);
  }

  private watchView(pairId: string, g: Game): WatchView {
    const now = this.d.clock.now();
    return { pairId, client: viewFor(g, 'client', now), server: viewFor(g, 'server', now) };
  }

  private emitWatch(pairId: string, g: Game): void {
    this.d.io.to(watchRoom(g.id)).emit('class:watch', this.watchView(pairId, g));
  }

  /**
   * A pair's game finished: the change that moves the pair on (to its next scenario, or done)
   * records the game's results, so they are recorded exactly once.
   */
  private async pairFinished(classId: string, gameId: string): Promise<void> {
    const seen: { next: Game | null; pairId: string; round: number } = { next: null, pairId: '', round: 0 };
    const { settings } = await this.settingsOf(classId);
    const r = await this.mutate(classId, (c, now) => {
      seen.next = null;
      const rd = c.round;
      if (!rd || rd.phase === 'ended') return null;
      const p = rd.pairs.find((x) => x.gameId === gameId && !x.done);
      if (!p) return null;
      seen.pairId = p.id;
      seen.round = rd.index;
      const present = humans(p).every((h) => c.students.some((x) => x.sessionId === h));
      if (present && settings && p.scenarioIndex + 1 < rd.config.scenarios.length) {
        let g = this.gameFor(
          c,
          { client: p.client, server: p.server },
          rd.config,
          p.scenarioIndex + 1,
          settings,
          now,
        );
        if (rd.phase === 'paused') g = pauseGame(g, now);
        seen.next = g;
        p.scenarioIndex++;
        p.gameId = g.id;
        p.frozen = false;
      } else {
        p.done = true;
      }
      return c;
    });
    if (!r?.changed) return;
    const finished = await this.d.games.get(gameId);
    const { pairId } = seen;
    if (finished) await this.record(classId, finished, seen.round, r.cls);
    const g = seen.next;
    if (g !== null) {
      if (!(await this.openGame(g))) await this.markDone(classId, pairId, g.id);
      else {
        moveWatchers(this.d.io, gameId, g.id);
        const started = await this.d.games.get(g.id);
        if (started) this.emitWatch(pairId, started);
      }
    }
    const cls = (await this.get(classId)) ?? r.cls;
    const p = cls.round?.pairs.find((x) => x.id === pairId);
    if (p) await this.notifyStudents(cls, humans(p));
    await this.endIfAllDone(classId);
  }

  private async settingsOf(classId: string): Promise<{ settings: GameSettings | null }> {
    const c = await this.get(classId);
    if (!c?.round) return { settings: null };
    const { settings, problems } = this.roundSettings(c.round.config.mslScale);
    return { settings: problems.length ? null : settings };
  }

  private async endIfAllDone(classId: string): Promise<void> {
    const c = await this.get(classId);
    if (c?.round && c.round.phase !== 'ended' && c.round.pairs.every((p) => p.done))
      await this.endRound(classId);
  }

  /**
   * Ends the round (time up, the teacher, or every pair done): unfinished games stop where they
   * stand and are recorded, students are told their standing. False when no round was running.
   */
  async endRound(classId: string): Promise<boolean> {
    let stopping: RoundPair[] = [];
    const seen = { round: 0 };
    const r = await this.mutate(classId, (c, now) => {
      stopping = [];
      const rd = c.round;
      if (!rd || rd.phase === 'ended') return null;
      seen.round = rd.index;
      for (const p of rd.pairs) {
        if (!active(p)) continue;
        stopping.push({ ...p });
        p.done = true;
      }
      rd.phase = 'ended';
      rd.endedAt = now;
      rd.pausedAt = null;
      c.roundsPlayed = rd.index;
      return c;
    });
    if (!r?.changed) return false;
    this.d.scheduler.clear('class-round', classId);
    for (const p of stopping) {
      const done = await this.d.games.change(p.gameId!, (g, now) => ({
        game: stopGame(g, now),
        value: null,
      }));
      if (done) await this.record(classId, done.game, seen.round, r.cls);
    }
    this.d.logger.info({ classId, round: seen.round }, 'round ended');
    await this.notifyStudents(r.cls);
    await this.dash.request(classId);
    return true;
  }

  /** The round's time limit came (a wake-up): it ends unless paused or moved on. */
  private async roundTimeUp(classId: string): Promise<void> {
    const c = await this.get(classId);
    const rd = c?.round;
    if (!rd || rd.phase !== 'playing') return;
    if (rd.endsAt > this.d.clock.now()) {
      this.d.scheduler.set('class-round', classId, rd.endsAt);
      return;
    }
    await this.endRound(classId);
  }

  /** Pauses (or resumes) every clock of the round: its games and its countdown. */
  async setPaused(classId: string, paused: boolean): Promise<ClassRoom> {
    let changedPairs: RoundPair[] = [];
    const r = await this.mutate(classId, (c, now) => {
      changedPairs = [];
      const rd = c.round;
      if (!rd || rd.phase === 'ended') throw new ServerError('NO_ROUND');
      if ((rd.phase === 'paused') === paused) return null;
      if (paused) {
        rd.phase = 'paused';
        rd.pausedAt = now;
      } else {
        rd.endsAt += now - (rd.pausedAt ?? now);
        rd.phase = 'playing';
        rd.pausedAt = null;
      }
      // a pair the teacher froze stays paused when the round resumes
      changedPairs = rd.pairs.filter((p) => active(p) && (paused || !p.frozen)).map((p) => ({ ...p }));
      return c;
    });
    if (!r) throw new ServerError('CLASS_NOT_FOUND');
    if (!r.changed) return r.cls;
    if (paused) this.d.scheduler.clear('class-round', classId);
    for (const p of changedPairs) {
      await this.d.games.change(p.gameId!, (g, now) => ({
        game: paused ? pauseGame(g, now) : resumeGame(g, now),
        value: null,
      }));
    }
    // a game that started between the class's change and now follows the class too
    const cls = (await this.get(classId)) ?? r.cls;
    for (const p of cls.round?.pairs.filter(active) ?? []) {
      if (changedPairs.some((x) => x.gameId === p.gameId) || (!paused && p.frozen)) continue;
      await this.d.games.change(p.gameId!, (g, now) => ({
        game: paused ? pauseGame(g, now) : resumeGame(g, now),
        value: null,
      }));
    }
    if (!paused && cls.round) this.d.scheduler.set('class-round', classId, cls.round.endsAt);
    let final = cls;
    if (paused) {
      // the round counts as paused from the moment its last game took the pause: a move judged
      // before that is before pausedAt, and every move after it finds its game paused
      const stamped = await this.mutate(classId, (c, now) => {
        if (c.round?.phase !== 'paused') return null;
        c.round.pausedAt = now;
        return c;
      });
      if (stamped) final = stamped.cls;
    }
    await this.notifyStudents(final);
    return final;
  }

  /** The teacher as the network; returns how many segments were changed. */
  async tamper(
    classId: string,
    pairId: string,
    segmentId: number | null,
    action: WireAction,
  ): Promise<number> {
    const c = await this.get(classId);
    const rd = c?.round;
    if (!rd || rd.phase === 'ended') throw new ServerError('NO_ROUND');
    const pairs = pairId === 'all' ? rd.pairs.filter(active) : rd.pairs.filter((p) => p.id === pairId);
    if (pairId !== 'all' && pairs.length === 0) throw new ServerError('PAIR_NOT_FOUND');
    let affected = 0;
    for (const p of pairs) {
      if (!active(p)) continue;
      const r = await this.d.games.change(p.gameId!, (g, now) => {
        const out = tamperWire(g, pairId === 'all' ? null : segmentId, action, now);
        return { game: out.game, value: out.ok };
      });
      if (r?.value) affected++;
    }
    if (pairId !== 'all' && affected === 0) throw new ServerError('SEGMENT_NOT_FOUND');
    return affected;
  }

  /**
   * The teacher as the network, ahead: arms `action` (null: disarms) for the next segment `side`
   * sends in one pair's current game, or in that of every pair still playing ('all'); returns
   * what each of those games now has armed for `side`. The players are sent nothing: they learn
   * of it when it fires. A pair whose game is over is GAME_NOT_PLAYING.
   */
  async arm(classId: string, pairId: string, side: Side, action: WireAction | null): Promise<ArmedEntry[]> {
    const c = await this.get(classId);
    const rd = c?.round;
    if (!rd || rd.phase === 'ended') throw new ServerError('NO_ROUND');
    const pairs = pairId === 'all' ? rd.pairs.filter(active) : rd.pairs.filter((p) => p.id === pairId);
    if (pairId !== 'all' && pairs.length === 0) throw new ServerError('PAIR_NOT_FOUND');
    const out: ArmedEntry[] = [];
    for (const p of pairs) {
      const r = active(p)
        ? await this.d.games.change(p.gameId!, (g, now) => {
            const a = armWire(g, side, action, now);
            const armed = a.ok ? (a.armed && !a.armed.fired ? a.armed.action : null) : undefined;
            return { game: a.game, value: armed, only: 'none' as const };
          })
        : null;
      if (r && r.value !== undefined) out.push({ pairId: p.id, side, action: r.value });
      else if (pairId !== 'all') throw new ServerError('GAME_NOT_PLAYING');
    }
    return out;
  }

  /**
   * Freezes one pair's current game (pauseGame) or lets it go on (resumeGame, unless the whole
   * round is paused), kept in the pair so a round resumed keeps it frozen. The pair's students see
   * their game paused through the game's own views; watchers get the new view.
   */
  async freeze(classId: string, pairId: string, frozen: boolean): Promise<void> {
    const seen = { gameId: '', roundPaused: false };
    const r = await this.mutate(classId, (c) => {
      const rd = c.round;
      if (!rd || rd.phase === 'ended') throw new ServerError('NO_ROUND');
      const p = rd.pairs.find((x) => x.id === pairId);
      if (!p) throw new ServerError('PAIR_NOT_FOUND');
      if (!active(p)) throw new ServerError('GAME_NOT_PLAYING');
      seen.gameId = p.gameId!;
      seen.roundPaused = rd.phase === 'paused';
      if ((p.frozen === true) === frozen) return null;
      p.frozen = frozen;
      return c;
    });
    if (!r) throw new ServerError('CLASS_NOT_FOUND');
    const g = await this.d.games.change(seen.gameId, (x, now) => {
      if (x.phase === 'finished') throw new ServerError('GAME_NOT_PLAYING');
      const next = frozen ? pauseGame(x, now) : seen.roundPaused ? x : resumeGame(x, now);
      return { game: next, value: null };
    });
    if (!g) throw new ServerError('GAME_NOT_PLAYING');
    this.emitWatch(pairId, g.game);
    await this.dash.request(classId);
  }

  /** The host's connection watches a pair (or stops watching). */
  async spectate(cls: ClassRoom, socket: AppSocket, pairId: string | null): Promise<WatchView | null> {
    stopWatching(socket);
    if (pairId === null) return null;
    const p = cls.round?.pairs.find((x) => x.id === pairId);
    const g = p?.gameId ? await this.d.games.get(p.gameId) : null;
    if (!p || !g) throw new ServerError('PAIR_NOT_FOUND');
    await socket.join(watchRoom(g.id));
    return this.watchView(p.id, g);
  }

  /**
   * Closes the class (the host left, or it expired): students are told and leave their class games,
   * the record and its results are deleted.
   */
  async close(classId: string): Promise<void> {
    const cls = await this.get(classId);
    if (!cls) return;
    this.d.scheduler.clear('class-round', classId);
    this.d.scheduler.clear('class-gc', classId);
    this.dash.forget(classId);
    await this.d.stores.classes.delete(classId);
    this.d.io.to(studentRoom(classId)).emit('class:removed', { reason: 'closed' });
    for (const st of cls.students) {
      const s = await this.d.sessions.mutate(st.sessionId, (x) =>
        x.classId === classId ? { ...x, classId: null } : null,
      );
      leaveRooms(this.d.io, st.sessionId, [studentRoom(classId)]);
      if (!s?.gameId) continue;
      const g = await this.d.games.get(s.gameId);
      if (g?.classId !== classId) continue;
      const side = sideOf(g, st.sessionId);
      if (side)
        await this.d.games.change(g.id, (x, now) => ({ game: abandonGame(x, side, now), value: null }));
      const gid = g.id;
      await this.d.sessions.mutate(st.sessionId, (x) => (x.gameId === gid ? { ...x, gameId: null } : null));
      unbindSeat(this.d.io, st.sessionId, gid);
    }
    await this.d.sessions.mutate(cls.hostSessionId, (x) =>
      x.classId === classId ? { ...x, classId: null } : null,
    );
    leaveRooms(this.d.io, cls.hostSessionId, [hostRoom(classId)]);
    for (const sock of await this.d.io.in(sessionRoom(cls.hostSessionId)).fetchSockets())
      for (const room of sock.rooms) if (room.startsWith('watch:')) sock.leave(room);
    this.d.logger.info({ classId }, 'class closed');
  }

  // ---- presence ----

  /** A connection of the session opened: it joins its class's room; returns its class role. */
  async connected(socket: AppSocket, s: Session): Promise<ClassRole> {
    const { role, cls } = await this.roleOf(s);
    if (!cls || role === null) return null;
    await socket.join(role === 'host' ? hostRoom(cls.id) : studentRoom(cls.id));
    if (role === 'student') await this.dash.request(cls.id);
    return role;
  }

  /** A student's last connection closed: the dashboard shows it. */
  async disconnected(s: Session): Promise<void> {
    const { role, cls } = await this.roleOf(s);
    if (role === 'student' && cls) await this.dash.request(cls.id);
  }

  /**
   * A session's grace ran out: the student leaves the roster, during a round too. The session is
   * deleted next and can never play again, and its seat is already gone (a game against the bot
   * is removed with it), so its pair is done now: otherwise the round would wait for a game that
   * no longer exists until its time ran out.
   */
  async expired(s: Session): Promise<void> {
    const { role, cls } = await this.roleOf(s);
    if (role !== 'student' || !cls) return;
    await this.removeStudent(cls.id, s.id, 'expired');
  }
}
