import { Progress } from '../src/progress';

const stream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, isTTY, write: (text: string) => written.push(text) > 0 };
};

describe('Progress', () => {
  it('on a terminal, ends a run that stopped short of its estimate at 100 % of what ran', () => {
    const terminal = stream(true);
    const progress = new Progress('simulate', 'commands', terminal);
    progress.update(1_900, 2_000, 1);
    progress.finish(2, 1_950);
    expect(terminal.written).toEqual([
      '\rsimulate [############################..] 95%  1900/2000 commands  1900 commands/s  ETA 0 s\x1b[K',
      '\rsimulate [##############################] 100%  1950/1950 commands  975 commands/s  ETA 0 s\x1b[K',
      '\n',
    ]);
  });

  it('shows 99 %, not 100 %, until the last one is done', () => {
    const terminal = stream(true);
    new Progress('replay', 'events', terminal).update(999, 1_000, 1);
    expect(terminal.written[0]).toContain('] 99%  999/1000 events');
  });

  it('elsewhere, writes a line every 2 s and one at 100 %, not twice', () => {
    const log = stream(false);
    const progress = new Progress('replay', 'events', log);
    progress.update(10, 30, 0.5);
    progress.update(20, 30, 2.5);
    progress.update(30, 30, 3);
    progress.finish(3);
    expect(log.written).toEqual([
      'replay: 66%  20/30 events  8 events/s  ETA 1 s\n',
      'replay: 100%  30/30 events  10 events/s  ETA 0 s\n',
    ]);
  });

  it('reaches 100 % when the last event read is before the head (a type no projection reads)', () => {
    const log = stream(false);
    const progress = new Progress('replay', 'events', log);
    progress.update(2_990, 3_000, 1);
    progress.finish(1);
    expect(log.written.at(-1)).toBe('replay: 100%  3000/3000 events  3000 events/s  ETA 0 s\n');
  });
});
