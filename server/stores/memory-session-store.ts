/** SessionStore in process memory, with an index by token. */
import type { Session, SessionStore } from './session-store';

export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly byToken = new Map<string, string>();

  async get(id: string): Promise<Session | null> {
    const s = this.sessions.get(id);
    return s ? { ...s } : null;
  }

  async getByToken(token: string): Promise<Session | null> {
    const id = this.byToken.get(token);
    return id === undefined ? null : this.get(id);
  }

  async create(session: Session): Promise<boolean> {
    if (this.sessions.has(session.id) || this.byToken.has(session.token)) return false;
    this.sessions.set(session.id, { ...session });
    this.byToken.set(session.token, session.id);
    return true;
  }

  async update(session: Session, expectedVersion: number): Promise<boolean> {
    const stored = this.sessions.get(session.id);
    if (!stored || stored.version !== expectedVersion || stored.token !== session.token) return false;
    this.sessions.set(session.id, { ...session });
    return true;
  }

  async delete(id: string): Promise<void> {
    const s = this.sessions.get(id);
    if (!s) return;
    this.sessions.delete(id);
    this.byToken.delete(s.token);
  }

  async count(): Promise<number> {
    return this.sessions.size;
  }
}
