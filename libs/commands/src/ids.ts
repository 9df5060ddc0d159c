import { randomUUID } from 'node:crypto';

/** Where event ids come from: random in the service, seeded in a simulation (for a repeatable log). */
export abstract class Ids {
  abstract next(): string;
}

export class RandomIds extends Ids {
  next(): string {
    return randomUUID();
  }
}
