/** ClassStore in process memory: records copied in and out, a code index, results per class. */
import type { ClassRoom, ResultRow } from '../../shared/class/class-types';
import type { ClassStore } from './class-store';

export class MemoryClassStore implements ClassStore {
  private readonly classes = new Map<string, ClassRoom>();
  private readonly codes = new Map<string, string>();
  private readonly rows = new Map<string, ResultRow[]>();

  async get(id: string): Promise<ClassRoom | null> {
    const c = this.classes.get(id);
    return c ? structuredClone(c) : null;
  }

  async create(c: ClassRoom): Promise<boolean> {
    if (this.classes.has(c.id) || this.codes.has(c.code)) return false;
    this.classes.set(c.id, structuredClone(c));
    this.codes.set(c.code, c.id);
    return true;
  }

  async idOfCode(code: string): Promise<string | null> {
    return this.codes.get(code) ?? null;
  }

  async update(c: ClassRoom, expectedVersion: number): Promise<boolean> {
    const stored = this.classes.get(c.id);
    if (!stored || stored.version !== expectedVersion || stored.code !== c.code) return false;
    this.classes.set(c.id, structuredClone(c));
    return true;
  }

  async delete(id: string): Promise<void> {
    const c = this.classes.get(id);
    if (c && this.codes.get(c.code) === id) this.codes.delete(c.code);
    this.classes.delete(id);
    this.rows.delete(id);
  }

  async addResults(id: string, rows: ResultRow[]): Promise<void> {
    if (!this.classes.has(id)) return;
    const list = this.rows.get(id) ?? [];
    list.push(...structuredClone(rows));
    this.rows.set(id, list);
  }

  async results(id: string): Promise<ResultRow[]> {
    return structuredClone(this.rows.get(id) ?? []);
  }

  async count(): Promise<number> {
    return this.classes.size;
  }
}
