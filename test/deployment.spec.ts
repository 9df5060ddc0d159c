import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** No Docker engine runs here: the compose file is checked for what it must hold, not run. */
describe('docker-compose.yml', () => {
  // Compose resolves YAML merge keys (<<: *anchor); so does this parse.
  const compose = parse(readFileSync(join(__dirname, '..', 'docker-compose.yml'), 'utf8'), {
    merge: true,
  });
  const services = compose.services;

  it('has EventStoreDB 24.10, MongoDB as a replica set, two API instances and one projector', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'api-2',
      'eventstore',
      'mongo',
      'projector',
    ]);
    expect(services.eventstore.image).toBe('eventstore/eventstore:24.10');
    expect(services.mongo.command).toEqual(['--replSet', 'rs0', '--bind_ip_all']);
  });

  it('gives the stores health checks and starts the app after them', () => {
    expect(services.eventstore.healthcheck.test.join(' ')).toContain('/health/live');
    expect(services.mongo.healthcheck.test.join(' ')).toContain('rs.initiate');
    for (const app of ['api', 'api-2', 'projector']) {
      expect(services[app].build).toBe('.');
      expect(services[app].depends_on.eventstore.condition).toBe('service_healthy');
      expect(services[app].depends_on.mongo.condition).toBe('service_healthy');
    }
  });

  it('configures the app for EventStoreDB and MongoDB, with the projector in one process only', () => {
    expect(services.api.environment).toMatchObject({
      FRESH_EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: 'kurrentdb://eventstore:2113?tls=false',
      FRESH_READ_STORE: 'mongo',
      MONGODB_URI: 'mongodb://mongo:27017/fresh?replicaSet=rs0',
      FRESH_PROJECTOR: 'off',
    });
    expect(services.projector.environment).toMatchObject({
      FRESH_EVENT_STORE: 'esdb',
      FRESH_READ_STORE: 'mongo',
      FRESH_PROJECTOR: 'on',
    });
    expect(services.api.ports).toEqual(['3000:3000']);
  });

  it('runs a second API instance on another port with the same settings and no data dir of its own', () => {
    // Keys and idempotency answers are in MongoDB (FRESH_READ_STORE=mongo), so the two instances
    // share them as instances on two hosts would: nothing of the first's data dir is mounted.
    expect(services['api-2'].environment).toEqual(services.api.environment);
    expect(services['api-2'].environment.FRESH_PROJECTOR).toBe('off');
    expect(services['api-2'].ports).toEqual(['3001:3000']);
    expect(services['api-2'].volumes).toBeUndefined();
    expect(services['api-2'].depends_on.projector.condition).toBe('service_started');
  });

  it('builds from a Dockerfile that compiles the app and starts the API', () => {
    const dockerfile = readFileSync(join(__dirname, '..', 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('npm ci');
    expect(dockerfile).toContain('CMD ["node", "dist/apps/api/src/main.js"]');
  });
});
