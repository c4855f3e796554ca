/** Sessions: creating, resuming and changing them, with compare-and-set on their version. */
import type { GameView } from '../../shared/game/game-view';
import type { Lang } from '../../shared/i18n';
import type { SessionInfo } from '../../shared/protocol/events';
import type { Clock } from '../clock';
import type { Session, SessionStore } from '../stores/session-store';
import { defaultNickname, isTokenShaped, newId, newToken } from './session-ids';

const CAS_ATTEMPTS = 8;

export class SessionService {
  constructor(
    private readonly store: SessionStore,
    private readonly clock: Clock,
  ) {}

  get(id: string): Promise<Session | null> {
    return this.store.get(id);
  }

  /** The session of a token a client presented, or null for no, malformed or unknown tokens. */
  async byToken(token: unknown): Promise<Session | null> {
    return isTokenShaped(token) ? this.store.getByToken(token) : null;
  }

  /** A new session with a fresh token, player id and default nickname. */
  async create(lang: Lang): Promise<Session> {
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const s: Session = {
        id: newId('s', 12),
        token: newToken(),
        playerId: newId('p'),
        nickname: defaultNickname(),
        lang,
        gameId: null,
        classId: null,
        graceUntil: null,
        createdAt: this.clock.now(),
        version: 1,
      };
      if (await this.store.create(s)) return s;
    }
    throw new Error('could not create a session: ids keep colliding');
  }

  /**
   * Applies `fn` to the stored session and saves the result with compare-and-set, retrying on
   * conflict; `fn` returns null to leave the session as it is. Null when the session is gone.
   */
  async mutate(id: string, fn: (s: Session) => Session | null): Promise<Session | null> {
    for (let i = 0; i < CAS_ATTEMPTS; i++) {
      const s = await this.store.get(id);
      if (!s) return null;
      const next = fn({ ...s });
      if (!next) return s;
      const saved = { ...next, id: s.id, token: s.token, version: s.version + 1 };
      if (await this.store.update(saved, s.version)) return saved;
    }
    throw new Error(`session ${id}: too many concurrent changes`);
  }

  delete(id: string): Promise<void> {
    return this.store.delete(id);
  }

  /** What a client is told about its session. */
  info(
    s: Session,
    resumed: boolean,
    game: GameView | null,
    classRole: SessionInfo['classRole'] = null,
  ): SessionInfo {
    return {
      token: s.token,
      playerId: s.playerId,
      nickname: s.nickname,
      lang: s.lang,
      resumed,
      game,
      classRole,
    };
  }
}
