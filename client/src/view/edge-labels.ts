/**
 * The label of each edge of the state diagram, read from the transition table's rows: the event
 * (`on`) and the segment sent (`wire`), "rcv SYN / snd SYN,ACK" or "close() / snd FIN,ACK". A row
 * for composing the segment by hand (send:FIN) is the same step as its application call (close()),
 * so it is named once. Also which row a change of state in the log took.
 */
import type { LogView } from '../../../shared/game/game-view';
import type { Lang } from '../../../shared/i18n';
import { transition, type TransitionRow } from '../../../shared/tcp/transitions';
import type { TcpState } from '../../../shared/tcp/types';
import { DIAGRAM_TEXTS } from '../i18n/diagram-texts';
import type { DiagramEdge } from './diagram-graph';

/** The rows an edge's label names, in table order: a send:* row repeating a call's segment is left out. */
export function edgeRows(e: DiagramEdge): TransitionRow[] {
  const rows = e.triggers.map((on) => transition(e.from, on)).filter((r): r is TransitionRow => !!r);
  return rows.filter(
    (r) => !r.on.startsWith('send:') || !rows.some((o) => o.on.startsWith('call:') && o.wire === r.wire),
  );
}

/** "rcv SYN / snd SYN,ACK": a row's event and the segment it sends, in a language. */
export function rowText(r: TransitionRow, lang: Lang): string {
  const t = DIAGRAM_TEXTS[lang];
  const action = t.wire[r.wire];
  const event = t.triggers[r.on];
  return action && action !== event ? `${event} / ${action}` : event;
}

/**
 * The lines of an edge's label: one row's event over its action (the textbook's way), or one line
 * per row when several rows share the edge.
 */
export function edgeLabel(e: DiagramEdge, lang: Lang): string[] {
  const rows = edgeRows(e);
  if (rows.length === 1) {
    const t = DIAGRAM_TEXTS[lang];
    const r = rows[0]!;
    const action = t.wire[r.wire];
    return action ? [t.triggers[r.on], action] : [t.triggers[r.on]];
  }
  return rows.map((r) => rowText(r, lang));
}

const RCV = [
  'rcv:SYN',
  'rcv:SYN_ACK',
  'rcv:RST_ACK',
  'rcv:ACK_OF_SYN',
  'rcv:ACK_OF_FIN',
  'rcv:FIN_ACK_OF_FIN',
  'rcv:FIN',
  'rcv:RST',
  'rcv:DATA',
  'rcv:ACK',
  'rcv:STRAY',
  'rcv:BAD_SYN_ACK',
];

/** The row a change of state took, told by the log entry that made it (null when none fits). */
export function takenRow(from: TcpState, to: TcpState, e: LogView | undefined): TransitionRow | null {
  const rows = (ons: string[]) =>
    ons
      .map((on) => transition(from, on as TransitionRow['on']))
      .find((r): r is TransitionRow => !!r && r.to === to) ?? null;
  if (!e) return null;
  switch (e.type) {
    case 'call':
      return rows([`call:${e.call}`]);
    case 'send': {
      const f = e.segment.flags;
      const kind = f.includes('RST')
        ? 'RST'
        : f.includes('SYN')
          ? f.includes('ACK')
            ? 'SYN_ACK'
            : 'SYN'
          : f.includes('FIN')
            ? 'FIN'
            : e.segment.len > 0
              ? 'DATA'
              : 'ACK';
      const viaCall: Record<string, string> = { SYN: 'call:connect', FIN: 'call:close', RST: 'call:abort' };
      return rows([viaCall[kind] ?? '', `send:${kind}`, 'call:abort']);
    }
    case 'arrive': {
      const f = e.segment.flags;
      const first = f.includes('RST')
        ? ['rcv:RST_ACK', 'rcv:RST']
        : f.includes('SYN')
          ? ['rcv:SYN', 'rcv:SYN_ACK', 'rcv:BAD_SYN_ACK']
          : f.includes('FIN')
            ? ['rcv:FIN_ACK_OF_FIN', 'rcv:FIN']
            : ['rcv:ACK_OF_SYN', 'rcv:ACK_OF_FIN', 'rcv:DATA', 'rcv:ACK'];
      return rows([...first, ...RCV]);
    }
    case 'timer':
      return rows(
        e.timer === 'time-wait' ? ['timer:2MSL'] : e.timer === 'syn-rcvd' ? ['timer:SYN_RCVD'] : [],
      );
    default:
      return null;
  }
}
