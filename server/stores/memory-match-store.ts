/** MatchStore in process memory: each method is one synchronous step, hence atomic. */
import type { Side } from '../../shared/tcp/types';
import { compatible, type MatchStore, type QuickRequest } from './match-store';

export class MemoryMatchStore implements MatchStore {
  private queue: QuickRequest[] = [];
  private readonly codes = new Map<string, string>();
  private readonly rematch = new Map<string, Set<Side>>();

  async pairOrEnqueue(req: QuickRequest): Promise<QuickRequest | null> {
    const i = this.queue.findIndex((w) => compatible(w, req));
    if (i >= 0) {
      const [found] = this.queue.splice(i, 1);
      return found ? { ...found } : null;
    }
    this.queue = this.queue.filter((w) => w.sessionId !== req.sessionId);
    this.queue.push({ ...req });
    return null;
  }

  async cancel(sessionId: string): Promise<boolean> {
    const before = this.queue.length;
    this.queue = this.queue.filter((w) => w.sessionId !== sessionId);
    return this.queue.length !== before;
  }

  async isWaiting(sessionId: string): Promise<boolean> {
    return this.queue.some((w) => w.sessionId === sessionId);
  }

  async claimCode(code: string, gameId: string): Promise<boolean> {
    if (this.codes.has(code)) return false;
    this.codes.set(code, gameId);
    return true;
  }

  async gameOfCode(code: string): Promise<string | null> {
    return this.codes.get(code) ?? null;
  }

  async releaseCodes(gameId: string): Promise<void> {
    for (const [code, id] of this.codes) if (id === gameId) this.codes.delete(code);
  }

  async voteRematch(gameId: string, side: Side): Promise<boolean> {
    const votes = this.rematch.get(gameId) ?? new Set<Side>();
    votes.add(side);
    if (votes.size < 2) {
      this.rematch.set(gameId, votes);
      return false;
    }
    this.rematch.delete(gameId);
    return true;
  }

  async clearRematch(gameId: string): Promise<void> {
    this.rematch.delete(gameId);
  }
}
