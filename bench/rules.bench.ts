/**
 * npm run bench:rules: how many segments per second the judge handles on one thread.
 *
 * The mix is every full lifecycle we have: the team's correct example traces and the loopback
 * captures of real stacks. Each judged segment is one send judged and its arrival processed. The
 * baseline in the same run is the least any judge must do: copy the sender's record and compare
 * seq and ack with SND.NXT and RCV.NXT.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deliver, judge } from '../shared/tcp/judge';
import {
  newConnection,
  copyTcb,
  type Connection,
  type Move,
  type Segment,
  type Side,
  type Tcb,
} from '../shared/tcp/types';
import { replayTrace } from '../shared/trace/replay';
import { parseTrace } from '../shared/trace/trace-parse';
import { repoRoot } from './repo-root';

type Op = { send: true; side: Side; move: Move; seg: Segment } | { send: false; side: Side; seg: Segment };
interface Script {
  name: string;
  listen: Side | null;
  ops: Op[];
  segments: number;
}

const root = repoRoot();
const dirs = [resolve(root, '..', 'shared', 'traces'), join(root, 'test', 'fixtures', 'captures')];

function scripts(): Script[] {
  const out: Script[] = [];
  for (const dir of dirs) {
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.json'))) {
      const p = parseTrace(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!p.ok || p.value.expect?.first_rejected !== undefined) continue;
      const r = replayTrace(p.value);
      if (r.firstRejected !== null) throw new Error(`${f} is refused: not a correct lifecycle`);
      const ops: Op[] = [];
      for (const st of r.steps) {
        for (const a of st.arrivalsBefore)
          ops.push({ send: false, side: a.to, seg: r.steps[a.index]!.segment });
        ops.push({
          send: true,
          side: st.from,
          move: { kind: 'segment', segment: st.segment },
          seg: st.segment,
        });
      }
      for (const a of r.finalArrivals) ops.push({ send: false, side: a.to, seg: r.steps[a.index]!.segment });
      const firstServer = r.steps.find((s) => s.from === 'server');
      const listen = firstServer && firstServer.segment.flags === 0x12 ? 'server' : null;
      out.push({ name: f, listen, ops, segments: r.steps.length });
    }
  }
  return out;
}

const LISTEN: Move = { kind: 'call', call: { call: 'listen' } };

function runJudge(all: Script[]): number {
  let n = 0;
  for (const s of all) {
    let conn: Connection = newConnection();
    if (s.listen) {
      const v = judge(conn, s.listen, LISTEN);
      if (!v.ok) throw new Error('listen refused');
      conn = v.conn;
    }
    for (const op of s.ops) {
      if (op.send) {
        const v = judge(conn, op.side, op.move);
        if (!v.ok) throw new Error(`${s.name}: refused ${v.error.code}`);
        conn = v.conn;
      } else {
        conn = deliver(conn, op.side, op.seg).conn;
      }
    }
    n += s.segments;
  }
  return n;
}

/** The baseline: copy a record and compare two numbers per segment. */
function runBaseline(all: Script[]): number {
  let n = 0;
  let t: Tcb = newConnection().client;
  let bad = 0;
  for (const s of all) {
    for (const op of s.ops) {
      if (op.send) {
        if (op.seg.seq !== t.sndNxt || op.seg.ack !== t.rcvNxt) bad++;
        const n = copyTcb(t);
        n.sndNxt = op.seg.seq;
        n.rcvNxt = op.seg.ack;
        t = n;
      }
    }
    n += s.segments;
  }
  if (bad < 0) throw new Error('unreachable');
  return n;
}

/** Runs fn for about `seconds` and returns the rate. */
function timed(fn: () => number, seconds: number): number {
  let count = 0;
  const start = process.hrtime.bigint();
  const end = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < end) {
    count += fn();
    now = process.hrtime.bigint();
  }
  return count / (Number(now - start) / 1e9);
}

/** Median rates of each candidate: both warmed up first, then timed in alternating rounds. */
function compare(candidates: Record<string, () => number>, seconds: number): Record<string, number> {
  const names = Object.keys(candidates);
  for (const n of names) timed(candidates[n]!, 1);
  const rates: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  for (let round = 0; round < 5; round++) {
    for (const n of names) rates[n]!.push(timed(candidates[n]!, seconds / 5));
  }
  const out: Record<string, number> = {};
  for (const n of names) {
    const r = rates[n]!.sort((a, b) => a - b);
    out[n] = r[2]!;
    console.log(
      `${n.padEnd(10)} ${Math.round(r[2]!).toLocaleString('en-US').padStart(14)} segments/s  (rounds: ${r.map((x) => (x / 1e6).toFixed(2)).join(', ')} M/s)`,
    );
  }
  return out;
}

function main() {
  const all = scripts();
  const segs = all.reduce((a, s) => a + s.segments, 0);
  console.log(
    `mix: ${all.length} full lifecycles, ${segs} segments per pass (${all.map((s) => s.name).join(', ')})`,
  );
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const r = compare({ baseline: () => runBaseline(all), judge: () => runJudge(all) }, seconds);
  const base = r.baseline!;
  const rate = r.judge!;
  console.log(`judge / baseline: ${(rate / base).toFixed(3)}`);
  console.log(`rules: ${Math.round(rate)} segments/s`);
}

main();
