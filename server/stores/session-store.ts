/** Where sessions live: who a connection is, its game and its grace period after a disconnect. */
import type { Lang } from '../../shared/i18n';

export interface Session {
  id: string;
  /** The secret a client presents to resume the session; never shown to anyone else. */
  token: string;
  /** The public id of the player. */
  playerId: string;
  nickname: string;
  lang: Lang;
  /** The game this session plays in (waiting, playing or finished), or null. */
  gameId: string | null;
  /** The class this session hosts or has joined as a student, or null (the class record says which). */
  classId: string | null;
  /** Set while no connection of the session is open: its seat is kept until then. */
  graceUntil: number | null;
  createdAt: number;
  /** Bumped on every change, for compare-and-set. */
  version: number;
}

export interface SessionStore {
  get(id: string): Promise<Session | null>;
  getByToken(token: string): Promise<Session | null>;
  /** Stores a new session; false when its id or token is taken. */
  create(session: Session): Promise<boolean>;
  /** Replaces the session if its stored version is still `expectedVersion`; false otherwise or when gone. */
  update(session: Session, expectedVersion: number): Promise<boolean>;
  delete(id: string): Promise<void>;
  count(): Promise<number>;
}
