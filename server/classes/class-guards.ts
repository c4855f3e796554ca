/**
 * Who may do what in a class, from the caller's session (never the payload): the host events need
 * the session the class names as its host; anyone else (a student, a kicked student, a stranger)
 * is refused with NOT_HOST before anything is read or changed.
 */
import type { ClassRoom } from '../../shared/class/class-types';
import type { Seats } from '../games/seats';
import { ServerError } from '../socket/errors';
import type { Caller } from '../socket/safe-handler';
import type { Session } from '../stores/session-store';
import type { ClassService } from './class-service';

export interface Hosting {
  session: Session;
  cls: ClassRoom;
}

/** The caller's session and the class it hosts; NOT_HOST otherwise. */
export async function requireHost(seats: Seats, classes: ClassService, caller: Caller): Promise<Hosting> {
  const session = await seats.session(caller);
  const { role, cls } = await classes.roleOf(session);
  if (role !== 'host' || !cls) throw new ServerError('NOT_HOST');
  return { session, cls };
}

/** The caller's session and the class it attends; NOT_IN_CLASS otherwise. */
export async function requireStudent(seats: Seats, classes: ClassService, caller: Caller): Promise<Hosting> {
  const session = await seats.session(caller);
  const { role, cls } = await classes.roleOf(session);
  if (role !== 'student' || !cls) throw new ServerError('NOT_IN_CLASS');
  return { session, cls };
}
