import Database from 'better-sqlite3';

/** Pages per backup step: all of them, so the copy is made in one step (see copyDatabase). */
const ALL_PAGES = 0x7fffffff;

/**
 * A consistent copy of a SQLite file that a running service keeps writing: SQLite's online backup
 * (`sqlite3_backup`, through better-sqlite3), WAL included. All pages are copied in one step, in
 * one read transaction: a snapshot of one moment, and in WAL mode the service's writers are not
 * held up meanwhile. In small steps a write between two would start the copy over, and a busy
 * service could keep it starting over.
 */
export async function copyDatabase(source: string, target: string): Promise<void> {
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(target, { progress: () => ALL_PAGES });
  } finally {
    db.close();
  }
}

/**
 * Tables of service.db left out of a backup: cached idempotency answers (a cache of what the log
 * holds, consulted before the log: an answer for events newer than the copied log would be replayed
 * after a restore as if they were recorded; they may also hold personal values) and the leases of
 * the running processes. The rows are deleted from the copy, with their bytes (secure_delete, VACUUM).
 */
export const LEFT_OUT_OF_SERVICE_DB = ['idempotency', 'leases'] as const;

export function leaveOutServiceCaches(copy: string): void {
  const db = new Database(copy, { fileMustExist: true });
  try {
    db.pragma('secure_delete = ON');
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
    for (const table of LEFT_OUT_OF_SERVICE_DB)
      if (exists.get(table)) db.exec(`DELETE FROM ${table}`);
    db.exec('VACUUM');
  } finally {
    db.close();
  }
}
