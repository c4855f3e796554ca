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
  'game:move': z.object({ move: moveSchema }).strict(),
  'game:hint': empty,
  'game:state': empty,
  'game:rematch': empty,
  'game:leave': empty,
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
