import { addDays } from '@fresh/domain';

const HEX_DIGITS = '0123456789abcdef';

/** mulberry32: a small, fast, seeded generator; the same seed gives the same world. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4_294_967_296;
  }

  private nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  dateBetween(from: string, to: string): string {
    const days = Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    return addDays(from, this.int(0, Math.max(0, days)));
  }

  /** A version-4-shaped UUID from the generator, for repeatable ids. */
  uuid(): string {
    let hex = '';
    // The top four bits of each draw: the digit Math.floor(next() * 16) would give.
    for (let i = 0; i < 32; i++) hex += HEX_DIGITS[this.nextUint32() >>> 28];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}
