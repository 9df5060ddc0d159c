import { redact, redactConnectionStringsIn } from '../src/redact';

describe('redact: a connection string fit for a log line', () => {
  it.each([
    ['kurrentdb://admin:s3cret@host:2113?tls=false', 'kurrentdb://***@host:2113?tls=false'],
    ['esdb://admin:changeit@127.0.0.1:2113', 'esdb://***@127.0.0.1:2113'],
    [
      'kurrentdb+discover://admin:s3cret@node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader',
      'kurrentdb+discover://***@node1:2113,node2:2113,node3:2113?tls=true&nodePreference=leader',
    ],
    ['mongodb://fresh:p%40ss@127.0.0.1:27017/fresh', 'mongodb://***@127.0.0.1:27017/fresh'],
    [
      'mongodb://fresh:s3cret@db1:27017,db2:27017,db3:27017/fresh?replicaSet=rs0&authSource=admin',
      'mongodb://***@db1:27017,db2:27017,db3:27017/fresh?replicaSet=rs0&authSource=admin',
    ],
    [
      'mongodb+srv://fresh:s3cret@cluster0.example.net/fresh?retryWrites=true',
      'mongodb+srv://***@cluster0.example.net/fresh?retryWrites=true',
    ],
    ['mongodb://onlyuser@127.0.0.1/fresh', 'mongodb://***@127.0.0.1/fresh'],
    ['mongodb://fresh:p@ss@127.0.0.1/fresh', 'mongodb://***@127.0.0.1/fresh'],
    ['kurrentdb://127.0.0.1:2113?tls=false', 'kurrentdb://127.0.0.1:2113?tls=false'],
    ['mongodb://127.0.0.1:27017/fresh', 'mongodb://127.0.0.1:27017/fresh'],
    [
      'kurrentdb://host:2113?tls=false&password=s3cret',
      'kurrentdb://host:2113?tls=false&password=***',
    ],
    ['admin:s3cret@host:2113', '***@host:2113'],
  ])('%s → %s', (given, expected) => {
    expect(redact(given)).toBe(expected);
    expect(redact(given)).not.toMatch(/s3cret|changeit|p%40ss|p@ss|onlyuser/);
  });

  it('redacts every connection string inside free text, and nothing else', () => {
    expect(
      redactConnectionStringsIn(
        'connect ECONNREFUSED for kurrentdb://admin:s3cret@h:2113?tls=false (then mongodb://u:s3cret@a,b/db): give up',
      ),
    ).toBe(
      'connect ECONNREFUSED for kurrentdb://***@h:2113?tls=false (then mongodb://***@a,b/db): give up',
    );
  });
});
