/**
 * Every setting of the server, read from the environment and checked once at start: a bad value
 * stops the server with a message that names the variable.
 */
import { resolve } from 'node:path';
import { z } from 'zod';
import { DEFAULT_SETTINGS, type GameSettings } from '../shared/game/game-types';
import { checkSettings } from '../shared/game/settings';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  port: number;
  host: string;
  logLevel: LogLevel;
  /** Token bucket per socket: refill rate and size. */
  rateLimitPerSec: number;
  rateLimitBurst: number;
  /** Largest payload of one event, as JSON text. */
  maxPayloadBytes: number;
  /** Socket.IO's own limit on one message; larger messages close the connection. */
  maxHttpBufferSize: number;
  /** Origins allowed besides the server's own; null: http://localhost:* and http://127.0.0.1:*. */
  allowedOrigins: string[] | null;
  /** How long a disconnected session keeps its seat. */
  sessionGraceMs: number;
  /** How long a finished game stays available (for the summary and a rematch). */
  finishedGameTtlMs: number;
  /** Where the built browser client is served from, when it exists. */
  clientDir: string;
  /** Classes: the teacher's dashboard is sent at most once per this many ms per class. */
  dashboardMs: number;
  /** A class is closed after this long without any change. */
  classTtlMs: number;
  /** Wrong join codes (and host tokens) allowed per address and minute. */
  classJoinFailsPerMin: number;
  /** The address students open (e.g. http://192.168.1.20:3000) for the join link, or null: the page's own. */
  publicUrl: string | null;
  /**
   * Behind a load balancer: a client's address is the last one its X-Forwarded-For names (the one
   * the balancer added), not the balancer's own. Off: the connection's address.
   */
  trustProxy: boolean;
  /** The shared Redis of several nodes (redis:// or rediss://), or null: everything in this process. */
  redisUrl: string | null;
  /** Put before every Redis key and channel, so several deployments may share one Redis. */
  redisPrefix: string;
  /**
   * With Redis: a node whose heartbeat has not been renewed for this long is taken for dead, and
   * its players are released as if their pages had closed (it renews it every third of this).
   */
  nodeTimeoutMs: number;
  /**
   * Moves are answered BUSY (nothing changed, try again after busyRetryMs) while the event loop
   * keeps lagging more than this (server/socket/event-loop-lag.ts: one long pause does not count);
   * 0: never.
   */
  busyLagMs: number;
  busyRetryMs: number;
  /**
   * How long a sender's news of its own segment's landing (the peer's new state) may wait to go
   * with the seat's next update before it is sent alone; 0: at once (server/games/game-service.ts).
   */
  landingNoticeMs: number;
  settings: GameSettings;
}

const DEFAULTS = {
  PORT: 3000,
  RATE_LIMIT_PER_SEC: 20,
  RATE_LIMIT_BURST: 40,
  MAX_PAYLOAD_BYTES: 4096,
  SESSION_GRACE_MS: 120_000,
  GAME_TTL_MS: 600_000,
  DASHBOARD_MS: 500,
  CLASS_TTL_MS: 12 * 3600_000,
  // a whole school may share one NAT address: generous, but guessing 31^6 codes stays hopeless
  CLASS_JOIN_FAILS_PER_MIN: 30,
  NODE_TIMEOUT_MS: 10_000,
  BUSY_LAG_MS: 200,
  BUSY_RETRY_MS: 250,
  LANDING_NOTICE_MS: 250,
};

const DAY_MS = 86_400_000;

/** An unset or empty variable takes its default. */
function optional<T extends z.ZodType>(schema: T) {
  return z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
}

function int(min: number, max: number, fallback: number) {
  return optional(
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, `must be a whole number from ${min} to ${max}`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `must be a whole number from ${min} to ${max}`)
          .max(max, `must be a whole number from ${min} to ${max}`),
      ),
  ).transform((v) => v ?? fallback);
}

const ORIGIN = /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9a-f:]+\](:\d{1,5})?$/i;

const ENV = z.object({
  PORT: int(0, 65535, DEFAULTS.PORT),
  HOST: optional(z.string().trim()).transform((v) => v ?? '0.0.0.0'),
  LOG_LEVEL: optional(z.enum(LOG_LEVELS, `must be one of ${LOG_LEVELS.join(', ')}`)).transform(
    (v) => v ?? 'info',
  ),
  RATE_LIMIT_PER_SEC: int(1, 10_000, DEFAULTS.RATE_LIMIT_PER_SEC),
  RATE_LIMIT_BURST: int(1, 100_000, DEFAULTS.RATE_LIMIT_BURST),
  MAX_PAYLOAD_BYTES: int(256, 1_000_000, DEFAULTS.MAX_PAYLOAD_BYTES),
  ALLOWED_ORIGINS: optional(
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((o) => o.trim().replace(/\/$/, ''))
          .filter((o) => o !== ''),
      )
      .refine(
        (list) => list.every((o) => o === '*' || ORIGIN.test(o)),
        'must be a comma-separated list of origins like http://host:port, or *',
      ),
  ).transform((v) => v ?? null),
  SESSION_GRACE_MS: int(0, DAY_MS, DEFAULTS.SESSION_GRACE_MS),
  BUSY_LAG_MS: int(0, 60_000, DEFAULTS.BUSY_LAG_MS),
  BUSY_RETRY_MS: int(1, 60_000, DEFAULTS.BUSY_RETRY_MS),
  LANDING_NOTICE_MS: int(0, 10_000, DEFAULTS.LANDING_NOTICE_MS),
  GAME_TTL_MS: int(0, DAY_MS, DEFAULTS.GAME_TTL_MS),
  CLIENT_DIR: optional(z.string().trim()).transform((v) => resolve(v ?? 'client/dist')),
  DASHBOARD_MS: int(0, 60_000, DEFAULTS.DASHBOARD_MS),
  CLASS_TTL_MS: int(60_000, 7 * DAY_MS, DEFAULTS.CLASS_TTL_MS),
  CLASS_JOIN_FAILS_PER_MIN: int(1, 100_000, DEFAULTS.CLASS_JOIN_FAILS_PER_MIN),
  PUBLIC_URL: optional(
    z
      .string()
      .trim()
      .transform((s) => s.replace(/\/+$/, ''))
      .refine(
        (s) => /^https?:\/\/[^\s/?#]+(\/[^\s?#]*)?$/i.test(s),
        'must be an http(s) address like http://192.168.1.20:3000',
      ),
  ).transform((v) => v ?? null),
  TRUST_PROXY: optional(z.enum(['true', 'false', '1', '0'], 'must be true or false')).transform(
    (v) => v === 'true' || v === '1',
  ),
  REDIS_URL: optional(
    z
      .string()
      .trim()
      .refine((s) => {
        try {
          const u = new URL(s);
          return (u.protocol === 'redis:' || u.protocol === 'rediss:') && u.hostname !== '';
        } catch {
          return false;
        }
      }, 'must be a Redis address like redis://host:6379 (or rediss:// for TLS)'),
  ).transform((v) => v ?? null),
  REDIS_PREFIX: optional(
    z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'must be 1 to 64 letters, digits or : _ . -'),
  ).transform((v) => v ?? 'ha:v1:'),
  NODE_TIMEOUT_MS: int(1000, 600_000, DEFAULTS.NODE_TIMEOUT_MS),
  FLIGHT_MS: int(1, DAY_MS, DEFAULT_SETTINGS.flightMs),
  TURN_MS: int(1, DAY_MS, DEFAULT_SETTINGS.turnMs),
  RTO_MS: int(1, DAY_MS, DEFAULT_SETTINGS.rtoMs),
  MSL_MS: int(1, DAY_MS, DEFAULT_SETTINGS.mslMs),
  SYN_RCVD_MS: int(1, DAY_MS, DEFAULT_SETTINGS.synRcvdMs),
  BOT_DELAY_MS: int(0, DAY_MS, DEFAULT_SETTINGS.botDelayMs),
});

/** The environment variable of each game setting, to name it in messages. */
const SETTING_VARS: Record<keyof GameSettings, string> = {
  flightMs: 'FLIGHT_MS',
  turnMs: 'TURN_MS',
  rtoMs: 'RTO_MS',
  mslMs: 'MSL_MS',
  synRcvdMs: 'SYN_RCVD_MS',
  botDelayMs: 'BOT_DELAY_MS',
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

function shown(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v) : String(v);
}

/** Reads and checks the configuration; on failure, one line per problem, each naming its variable. */
export function loadConfig(env: Record<string, string | undefined>): ConfigResult {
  const r = ENV.safeParse(env);
  if (!r.success) {
    const errors = r.error.issues.map((i) => {
      const name = String(i.path[0] ?? 'environment');
      // a Redis address may carry a password: never print it
      const got = name === 'REDIS_URL' ? env[name]?.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@') : env[name];
      return `${name} ${i.message} (got ${shown(got)})`;
    });
    return { ok: false, errors };
  }
  const e = r.data;
  const settings: GameSettings = {
    flightMs: e.FLIGHT_MS,
    turnMs: e.TURN_MS,
    rtoMs: e.RTO_MS,
    mslMs: e.MSL_MS,
    synRcvdMs: e.SYN_RCVD_MS,
    botDelayMs: e.BOT_DELAY_MS,
  };
  const problems = checkSettings(settings).map((p) =>
    p.replace(
      /\b(flightMs|turnMs|rtoMs|mslMs|synRcvdMs|botDelayMs)\b/g,
      (k) => SETTING_VARS[k as keyof GameSettings],
    ),
  );
  if (problems.length) return { ok: false, errors: problems.map((p) => `game settings: ${p}`) };
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      logLevel: e.LOG_LEVEL,
      rateLimitPerSec: e.RATE_LIMIT_PER_SEC,
      rateLimitBurst: e.RATE_LIMIT_BURST,
      maxPayloadBytes: e.MAX_PAYLOAD_BYTES,
      maxHttpBufferSize: Math.max(16_384, 4 * e.MAX_PAYLOAD_BYTES),
      allowedOrigins: e.ALLOWED_ORIGINS,
      sessionGraceMs: e.SESSION_GRACE_MS,
      finishedGameTtlMs: e.GAME_TTL_MS,
      clientDir: e.CLIENT_DIR,
      dashboardMs: e.DASHBOARD_MS,
      classTtlMs: e.CLASS_TTL_MS,
      classJoinFailsPerMin: e.CLASS_JOIN_FAILS_PER_MIN,
      publicUrl: e.PUBLIC_URL,
      trustProxy: e.TRUST_PROXY,
      redisUrl: e.REDIS_URL,
      redisPrefix: e.REDIS_PREFIX,
      nodeTimeoutMs: e.NODE_TIMEOUT_MS,
      busyLagMs: e.BUSY_LAG_MS,
      busyRetryMs: e.BUSY_RETRY_MS,
      landingNoticeMs: e.LANDING_NOTICE_MS,
      settings,
    },
  };
}

/** The configuration with every variable unset (for tests, which then override what they need). */
export function defaultConfig(): Config {
  const r = loadConfig({});
  if (!r.ok) throw new Error(`the defaults do not pass their own checks: ${r.errors.join('; ')}`);
  return r.config;
}
