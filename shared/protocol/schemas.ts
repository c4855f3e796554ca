/** Schemas of every client-to-server payload: the server checks each one before anything else. */
import { z } from 'zod';
import { LANGS } from '../i18n';
import { SCENARIO_IDS } from '../scenarios/scenarios';
import { FLAG_NAMES } from '../tcp/types';
import type { ClientToServerEvents } from './events';

const uint32 = z.number().int().min(0).max(0xffffffff);
const side = z.enum(['client', 'server']);
const roleChoice = z.enum(['client', 'server', 'any']);
const scenario = z.enum(SCENARIO_IDS);
const empty = z.object({}).strict();
const pairingMode = z.enum(['arrival', 'random']);
const playerId = z.string().min(1).max(40);
/** A class join code as typed: case and spaces do not matter; the server normalizes it. */
const classCode = z.string().trim().min(4).max(12);

/** 1 to 20 characters, none of them control characters. */
export const nickname = z
  .string()
  .trim()
  .min(1)
  .max(20)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u);

export const segmentSchema = z
  .object({
    flags: z.array(z.enum(FLAG_NAMES)).max(6),
    seq: uint32,
    ack: uint32,
    len: z.number().int().min(0).max(65535),
    win: z
      .number()
      .int()
      .min(0)
      .max(1 << 30)
      .optional(),
  })
  .strict();

export const moveSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('call'),
      call: z.enum(['listen', 'connect', 'close', 'send', 'abort']),
      bytes: z.number().int().min(1).max(65535).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('segment'), segment: segmentSchema }).strict(),
]);

export const SCHEMAS = {
  'session:update': z.object({ nickname: nickname.optional(), lang: z.enum(LANGS).optional() }).strict(),
  'match:quick': z.object({ scenario: scenario.optional(), role: roleChoice.optional() }).strict(),
  'match:cancel': empty,
  'match:private:create': z.object({ scenario, role: roleChoice.optional() }).strict(),
  'match:private:join': z.object({ code: z.string().trim().min(4).max(12) }).strict(),
  'practice:start': z
    .object({
      scenario,
      role: side,
      level: z.enum(['partner', 'catch']).optional(),
      hints: z.boolean().optional(),
    })
    .strict(),
  'game:move': z
    .object({
      move: moveSchema,
      basedOn: z.number().int().min(0).optional(),
      moveId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{1,64}$/)
        .optional(),
    })
    .strict(),
  'game:hint': empty,
  'game:state': empty,
  'game:rematch': empty,
  'game:leave': empty,
  'game:capture': z.object({ pairId: z.string().min(1).max(40).optional() }).strict(),
  'class:create': z
    .object({
      title: z
        .string()
        .trim()
        .max(40)
        .regex(/^[^\p{Cc}\p{Cf}]*$/u)
        .optional(),
      pairing: pairingMode.optional(),
      rotate: z.boolean().optional(),
    })
    .strict(),
  'class:reclaim': z.object({ code: classCode, hostToken: z.string().min(16).max(128) }).strict(),
  'class:lock': z.object({ locked: z.boolean() }).strict(),
  'class:kick': z.object({ playerId }).strict(),
  'class:pairing': z.object({ mode: pairingMode, rotate: z.boolean() }).strict(),
  'class:pairs:auto': empty,
  'class:pairs:set': z
    .object({
      pairs: z
        .array(z.object({ a: playerId, b: playerId.nullable() }).strict())
        .min(1)
        .max(500),
    })
    .strict(),
  'class:round:start': z
    .object({
      scenarios: z.array(scenario).min(1).max(6),
      level: z.enum(['partner', 'catch']).optional(),
      mslScale: z.number().min(0.5).max(20).optional(),
      durationMs: z
        .number()
        .int()
        .min(30_000)
        .max(3 * 3600_000)
        .optional(),
      hints: z.boolean().optional(),
    })
    .strict(),
  'class:round:pause': empty,
  'class:round:resume': empty,
  'class:round:end': empty,
  'class:network': z
    .object({
      pairId: z.string().min(1).max(40),
      when: z.enum(['now', 'next']).optional(),
      segmentId: z.number().int().min(0).max(1_000_000).optional(),
      side: side.optional(),
      action: z.enum(['drop', 'delay', 'duplicate', 'cancel']),
    })
    .strict()
    .superRefine((p, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message });
      if (p.when === 'next') {
        if (p.side === undefined) issue('side', "required with when 'next'");
        if (p.segmentId !== undefined)
          issue('segmentId', "not with when 'next': that segment is not sent yet");
      } else {
        if (p.side !== undefined) issue('side', "only with when 'next'");
        if (p.action === 'cancel') issue('action', "'cancel' only with when 'next'");
      }
    }),
  'class:lan': empty,
  'class:spectate': z.object({ pairId: z.string().min(1).max(40).nullable() }).strict(),
  'class:freeze': z.object({ pairId: z.string().min(1).max(40), frozen: z.boolean() }).strict(),
  'class:export': empty,
  'class:join': z.object({ code: classCode, nickname }).strict(),
  'class:leave': empty,
  'class:state': empty,
} as const satisfies { [K in keyof ClientToServerEvents]: z.ZodType };

export type PayloadOf<K extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[K]>[0];

/** Checks a payload; on failure returns a short description of the first problem. */
export function parsePayload<K extends keyof ClientToServerEvents>(
  event: K,
  payload: unknown,
): { ok: true; value: PayloadOf<K> } | { ok: false; detail: string } {
  const r = SCHEMAS[event].safeParse(payload);
  if (r.success) return { ok: true, value: r.data as PayloadOf<K> };
  const issue = r.error.issues[0];
  const path = issue && issue.path.length ? issue.path.join('.') : 'payload';
  return { ok: false, detail: `${path}: ${issue?.message ?? 'invalid'}` };
}
