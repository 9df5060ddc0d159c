import { redact } from '../src';

describe('redact', () => {
  it('hides the user info of a connection string, whatever the scheme', () => {
    expect(redact('kurrentdb://admin:s3cret@host:2113?tls=false')).toBe(
      'kurrentdb://***@host:2113?tls=false',
    );
    expect(redact('esdb+discover://admin:changeit@node1:2113,node2:2113,node3:2113')).toBe(
      'esdb+discover://***@node1:2113,node2:2113,node3:2113',
    );
    expect(redact('mongodb://fresh:s3cret@m1:27017,m2:27017/fresh?replicaSet=rs0')).toBe(
      'mongodb://***@m1:27017,m2:27017/fresh?replicaSet=rs0',
    );
    expect(redact('mongodb+srv://fresh:s3cret@cluster0.example.net/fresh')).toBe(
      'mongodb+srv://***@cluster0.example.net/fresh',
    );
    expect(redact('mongodb://justauser@host/fresh')).toBe('mongodb://***@host/fresh');
  });

  it('hides a password holding unencoded @, / or ?', () => {
    expect(redact('kurrentdb://admin:p@ss/w?rd@host:2113?tls=false')).toBe(
      'kurrentdb://***@host:2113?tls=false',
    );
  });

  it('leaves a string without user info as it is', () => {
    expect(redact('kurrentdb://127.0.0.1:2113?tls=false')).toBe(
      'kurrentdb://127.0.0.1:2113?tls=false',
    );
    expect(redact('/data/events.db')).toBe('/data/events.db');
  });

  it('hides user info inside a longer text, each time it occurs', () => {
    expect(redact('failed: kurrentdb://a:b@h1:2113 then mongodb://c:d@h2/db, giving up')).toBe(
      'failed: kurrentdb://***@h1:2113 then mongodb://***@h2/db, giving up',
    );
  });
});

describe('redact, case by case', () => {
  it.each([
    ['esdb://admin:changeit@127.0.0.1:2113', 'esdb://***@127.0.0.1:2113'],
    ['mongodb://fresh:p%40ss@127.0.0.1:27017/fresh', 'mongodb://***@127.0.0.1:27017/fresh'],
    ['mongodb://fresh:p@ss@127.0.0.1/fresh', 'mongodb://***@127.0.0.1/fresh'],
    [
      'kurrentdb://host:2113?tls=false&password=s3cret',
      'kurrentdb://host:2113?tls=false&password=***',
    ],
    [
      'connect ECONNREFUSED for kurrentdb://admin:s3cret@h:2113?tls=false (then mongodb://u:s3cret@a,b/db): give up',
      'connect ECONNREFUSED for kurrentdb://***@h:2113?tls=false (then mongodb://***@a,b/db): give up',
    ],
  ])('%s → %s', (given, expected) => {
    expect(redact(given)).toBe(expected);
    expect(redact(given)).not.toMatch(/s3cret|changeit|p%40ss|p@ss/);
  });
});
