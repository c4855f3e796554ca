/**
 * Class events (docs/protocol.md, "Classes"): a teacher hosts, students join with a code. Every
 * host event passes requireHost first; what each does is in ClassService.
 */
import { csvFilename, resultsCsv } from '../../shared/class/csv';
import { checkPairs } from '../../shared/class/pairing';
import type { AppContext, HandlerTable } from '../context';
import { ServerError, ok } from '../socket/errors';
import type { Caller } from '../socket/safe-handler';
import type { ClientEvent } from '../socket/types';
import { requireHost } from './class-guards';
import { lanAddresses } from './lan-addresses';

type ClassEvents = Extract<ClientEvent, `class:${string}`>;

/**
 * The address join-code guesses are counted for (one NAT address may be a whole school). Behind a
 * trusted balancer, the last X-Forwarded-For entry: the one the balancer added, which a client
 * cannot forge (entries before it can be).
 */
export function clientAddress(caller: Caller, trustProxy: boolean): string {
  const hs = caller.socket.handshake;
  const forwarded = hs.headers['x-forwarded-for'];
  const list = (Array.isArray(forwarded) ? forwarded.join(',') : (forwarded ?? '')).split(',');
  const last = list[list.length - 1]!.trim();
  return (trustProxy && last !== '' ? last : hs.address) || 'unknown';
}

export function classHandlers(ctx: AppContext): HandlerTable<ClassEvents> {
  const { seats, classes } = ctx;
  const host = (caller: Caller) => requireHost(seats, classes, caller);
  /** The host's answer: the dashboard as it is now, in the caller's language. */
  const hostAnswer = async (classId: string, caller: Caller) => {
    const cls = await classes.get(classId);
    if (!cls) throw new ServerError('CLASS_NOT_FOUND');
    return ok({ class: await classes.hostView(cls, caller.lang) });
  };
  const notRunning = (round: { phase: string } | null) => {
    if (round && round.phase !== 'ended') throw new ServerError('ROUND_RUNNING');
  };

  return {
    'class:create': async (p, caller) => {
      const s = await seats.session(caller);
      const { hostToken, cls } = await classes.create(s, p);
      return ok({ hostToken, class: await classes.hostView(cls, caller.lang) });
    },

    'class:reclaim': async (p, caller) => {
      const s = await seats.session(caller);
      const cls = await classes.reclaim(s, p.code, p.hostToken, clientAddress(caller, ctx.config.trustProxy));
      return hostAnswer(cls.id, caller);
    },

    'class:lock': async (p, caller) => {
      const { cls } = await host(caller);
      await classes.mutate(cls.id, (c) => (c.locked === p.locked ? null : { ...c, locked: p.locked }));
      return hostAnswer(cls.id, caller);
    },

    'class:kick': async (p, caller) => {
      const { cls } = await host(caller);
      const st = cls.students.find((x) => x.playerId === p.playerId);
      if (!st) throw new ServerError('STUDENT_NOT_FOUND');
      await classes.removeStudent(cls.id, st.sessionId, 'kicked');
      return hostAnswer(cls.id, caller);
    },

    'class:pairing': async (p, caller) => {
      const { cls } = await host(caller);
      await classes.mutate(cls.id, (c) => {
        notRunning(c.round);
        return { ...c, pairing: { mode: p.mode, rotate: p.rotate }, plannedPairs: null };
      });
      return hostAnswer(cls.id, caller);
    },

    'class:pairs:auto': async (_p, caller) => {
      const { cls } = await host(caller);
      await classes.mutate(cls.id, (c) => {
        notRunning(c.round);
        return { ...c, plannedPairs: classes.autoPlan(c) };
      });
      return hostAnswer(cls.id, caller);
    },

    'class:pairs:set': async (p, caller) => {
      const { cls } = await host(caller);
      await classes.mutate(cls.id, (c) => {
        notRunning(c.round);
        const sid = new Map(c.students.map((x) => [x.playerId, x.sessionId]));
        const pairs = p.pairs.map((x) => ({
          a: sid.get(x.a) ?? `?${x.a}`,
          b: x.b === null ? null : (sid.get(x.b) ?? `?${x.b}`),
        }));
        if (
          checkPairs(
            pairs,
            c.students.map((x) => x.sessionId),
          ) !== null
        )
          throw new ServerError('PAIRS_INVALID');
        return { ...c, plannedPairs: pairs };
      });
      return hostAnswer(cls.id, caller);
    },

    'class:round:start': async (p, caller) => {
      const { cls } = await host(caller);
      await classes.startRound(cls.id, p);
      return hostAnswer(cls.id, caller);
    },

    'class:round:pause': async (_p, caller) => {
      const { cls } = await host(caller);
      await classes.setPaused(cls.id, true);
      return hostAnswer(cls.id, caller);
    },

    'class:round:resume': async (_p, caller) => {
      const { cls } = await host(caller);
      await classes.setPaused(cls.id, false);
      return hostAnswer(cls.id, caller);
    },

    'class:round:end': async (_p, caller) => {
      const { cls } = await host(caller);
      if (!cls.round || cls.round.phase === 'ended') throw new ServerError('NO_ROUND');
      await classes.endRound(cls.id);
      return hostAnswer(cls.id, caller);
    },

    'class:network': async (p, caller) => {
      const { cls } = await host(caller);
      if (p.when === 'next') {
        const armed = await classes.arm(cls.id, p.pairId, p.side, p.action === 'cancel' ? null : p.action);
        return ok({ affected: armed.length, armed });
      }
      const affected = await classes.tamper(cls.id, p.pairId, p.segmentId ?? null, p.action);
      return ok({ affected });
    },

    'class:lan': async (_p, caller) => {
      await host(caller);
      const publicUrl = ctx.config.publicUrl;
      try {
        return ok({ ...lanAddresses(ctx.networkInterfaces(), ctx.config.host), publicUrl });
      } catch (err) {
        // a sandbox may refuse to list the interfaces: then there is no address to offer
        ctx.logger.warn({ err }, 'the network interfaces could not be read');
        return ok({ addresses: [], loopbackOnly: false, publicUrl });
      }
    },

    'class:spectate': async (p, caller) => {
      const { cls } = await host(caller);
      return ok({ watch: await classes.spectate(cls, caller.socket, p.pairId) });
    },

    'class:freeze': async (p, caller) => {
      const { cls } = await host(caller);
      await classes.freeze(cls.id, p.pairId, p.frozen);
      return ok({ pairId: p.pairId, frozen: p.frozen });
    },

    'class:export': async (_p, caller) => {
      const { cls } = await host(caller);
      const rows = await ctx.stores.classes.results(cls.id);
      return ok({ filename: csvFilename(cls.code), csv: resultsCsv(rows) });
    },

    'class:join': async (p, caller) => {
      const s = await seats.session(caller);
      const cls = await classes.join(s, p.code, p.nickname, clientAddress(caller, ctx.config.trustProxy));
      const view = await classes.studentView(cls, s.id);
      if (!view) throw new ServerError('NOT_IN_CLASS');
      return ok({ class: view });
    },

    'class:leave': async (_p, caller) => {
      const s = await seats.session(caller);
      const { role, cls } = await classes.roleOf(s);
      if (!cls || role === null) {
        await classes.ensureNoClass(s);
        return ok({ left: false });
      }
      if (role === 'host') await classes.close(cls.id);
      else await classes.removeStudent(cls.id, s.id, 'left');
      return ok({ left: true });
    },

    'class:state': async (_p, caller) => {
      const s = await seats.session(caller);
      const { role, cls } = await classes.roleOf(s);
      if (!cls || role === null) return ok({ host: null, student: null });
      if (role === 'host') return ok({ host: await classes.hostView(cls, caller.lang), student: null });
      return ok({ host: null, student: await classes.studentView(cls, s.id) });
    },
  };
}
