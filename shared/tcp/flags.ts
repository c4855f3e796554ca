/** Converting control bits to and from their names. */
import { ACK, FIN, FLAG_BITS, FLAG_NAMES, PSH, RST, SYN, URG, type FlagName } from './types';

const ORDER: ReadonlyArray<[number, FlagName]> = [
  [SYN, 'SYN'],
  [FIN, 'FIN'],
  [RST, 'RST'],
  [PSH, 'PSH'],
  [ACK, 'ACK'],
  [URG, 'URG'],
];

/** Flag names of a bitmask, in the order people write them (SYN,ACK; FIN,ACK; PSH,ACK). */
export function flagNames(flags: number): FlagName[] {
  const out: FlagName[] = [];
  for (const [bit, name] of ORDER) if (flags & bit) out.push(name);
  return out;
}

function label(flags: number): string {
  return flags === 0 ? 'none' : flagNames(flags).join(',');
}

/** The labels of the six bits' 64 combinations, made once (a replay's table writes one per segment). */
const LABELS: readonly string[] = Array.from({ length: 64 }, (_, flags) => label(flags));

/** "SYN,ACK"-style label of a bitmask; "none" when no bit is set. */
export function flagLabel(flags: number): string {
  return LABELS[flags] ?? label(flags);
}

/** Bitmask of a list of names; unknown names give undefined. */
export function flagsFromNames(names: readonly string[]): number | undefined {
  let bits = 0;
  for (const n of names) {
    if (!(FLAG_NAMES as readonly string[]).includes(n)) return undefined;
    bits |= FLAG_BITS[n as FlagName];
  }
  return bits;
}
