import { ConfigError } from '@fresh/stores';
import { configFromEnv } from '../src/config';

describe('the metrics endpoint in the configuration', () => {
  it('is off unless FRESH_METRICS_PORT is set', () => {
    expect(configFromEnv({}).metrics).toBeUndefined();
    expect(configFromEnv({ FRESH_METRICS_PORT: '' }).metrics).toBeUndefined();
  });

  it('binds to 127.0.0.1 unless FRESH_METRICS_HOST says otherwise', () => {
    expect(configFromEnv({ FRESH_METRICS_PORT: '9464' }).metrics).toEqual({
      port: 9464,
      host: '127.0.0.1',
    });
    expect(
      configFromEnv({ FRESH_METRICS_PORT: '9464', FRESH_METRICS_HOST: '0.0.0.0' }).metrics,
    ).toEqual({ port: 9464, host: '0.0.0.0' });
  });

  it.each(['ninety', '0', '65536', '94.64', '-1'])('refuses FRESH_METRICS_PORT=%s', (value) => {
    expect(() => configFromEnv({ FRESH_METRICS_PORT: value })).toThrow(
      new ConfigError(`FRESH_METRICS_PORT must be a port number (1-65535), not "${value}"`),
    );
  });

  it('refuses the API port itself', () => {
    expect(() => configFromEnv({ PORT: '3000', FRESH_METRICS_PORT: '3000' })).toThrow(
      'FRESH_METRICS_PORT must differ from PORT (3000): metrics are never served on the API port',
    );
  });
});
