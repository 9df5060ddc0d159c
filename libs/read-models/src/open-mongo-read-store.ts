import { MongoClient } from 'mongodb';
import { MongoReadStore } from './mongo-read-store';

/** Connects to MONGODB_URI (database: the URI's, or `fresh`) and checks the server answers. */
export async function openMongoReadStore(uri: string, timeoutMs = 3_000): Promise<MongoReadStore> {
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: timeoutMs,
    connectTimeoutMS: timeoutMs,
  });
  await client.connect();
  const db = client.db(
    new URL(uri.replace(/^mongodb(\+srv)?:/, 'http:')).pathname.slice(1) || 'fresh',
  );
  await db.command({ ping: 1 });
  return new MongoReadStore(db, client);
}
