import { notaryConfigFromEnv, NotaryConfigError } from '../src/notary-config';

describe('notary configuration', () => {
  it('defaults to unsigned checkpoints every 1000 events and every 60 minutes', () => {
    expect(notaryConfigFromEnv({}, '/srv/fresh/data')).toEqual({
      keyFile: undefined,
      everyEvents: 1000,
      everyMinutes: 60,
    });
  });

  it('takes a key outside the data dir and the cadence', () => {
    expect(
      notaryConfigFromEnv(
        {
          FRESH_NOTARY_KEY: '/etc/fresh/notary.key',
          FRESH_CHECKPOINT_EVERY_EVENTS: '0',
          FRESH_CHECKPOINT_EVERY_MINUTES: '5',
        },
        '/srv/fresh/data',
      ),
    ).toEqual({ keyFile: '/etc/fresh/notary.key', everyEvents: 0, everyMinutes: 5 });
    expect(
      notaryConfigFromEnv({ FRESH_NOTARY_KEY: '/srv/fresh/data-keys/n.key' }, '/srv/fresh/data')
        .keyFile,
    ).toBe('/srv/fresh/data-keys/n.key');
  });

  it('refuses a key inside the data dir, and a cadence that is not a whole number', () => {
    expect(() =>
      notaryConfigFromEnv({ FRESH_NOTARY_KEY: '/srv/fresh/data/keys/n.key' }, '/srv/fresh/data'),
    ).toThrow(
      new NotaryConfigError(
        'FRESH_NOTARY_KEY must be outside the data dir: whoever can write the data could sign with it',
      ),
    );
    expect(() =>
      notaryConfigFromEnv({ FRESH_CHECKPOINT_EVERY_EVENTS: '-1' }, '/srv/fresh/data'),
    ).toThrow('FRESH_CHECKPOINT_EVERY_EVENTS must be a whole number, not "-1"');
  });
});
