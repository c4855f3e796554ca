/** Codes of private games: 6 characters from an alphabet without look-alikes (no 0/O, 1/I/L). */
import { randomInt } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const CODE_LENGTH = 6;

/** A random code. */
export function newCode(): string {
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(0, CODE_ALPHABET.length)];
  return out;
}

/** A code as typed by a player, in its stored form (trimmed, upper case). */
export function normalizeCode(typed: string): string {
  return typed.trim().toUpperCase();
}
