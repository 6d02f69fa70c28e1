// The request journal: a fixed-size ring buffer, so a long-running simulator stays lean.
import type { JournalEntry } from './sim-types';

export class Journal {
  private readonly buf: (JournalEntry | undefined)[];
  private next = 0;
  private seq = 0;

  constructor(private readonly capacity: number) {
    this.buf = new Array<JournalEntry | undefined>(Math.max(1, capacity));
  }

  nextSeq(): number {
    return ++this.seq;
  }

  add(entry: JournalEntry): void {
    this.buf[this.next] = entry;
    this.next = (this.next + 1) % this.buf.length;
  }

  /** Oldest first; at most `limit` newest entries. */
  list(limit = this.capacity): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (let i = 0; i < this.buf.length; i++) {
      const e = this.buf[(this.next + i) % this.buf.length];
      if (e) out.push(e);
    }
    return limit >= out.length ? out : out.slice(out.length - limit);
  }

  clear(): void {
    this.buf.fill(undefined);
    this.next = 0;
  }
}
