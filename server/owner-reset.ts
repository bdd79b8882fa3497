/**
 * `npm run owner:reset`, for a forgotten owner password: opens the database `npm start` uses (the
 * same configuration: COUNTERSIGN_DATA_DIR, countersign.config.json), and in one transaction forgets
 * the password and ends every owner session. Only someone at the server's computer can run it, the
 * same person who could read the first set-up secret. The set-up secret is made at start, so a
 * running server must be restarted; until then the owner area stays locked.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, readConfig } from './config';
import { MIGRATIONS } from './store/migrations';
import { DATABASE_FILE, openSqliteStore, StoreError } from './store/sqlite-store';

async function main(): Promise<void> {
  const config = readConfig();
  const file = join(config.dataDir, DATABASE_FILE);
  // Opening would make a new, empty database: a wrong folder must not look like a successful reset.
  if (!existsSync(file)) {
    console.error(
      [
        `Hier gibt es keine countersign-Datenbank: ${file}`,
        `Nichts wurde geändert. Nutzen Sie denselben Datenordner wie bei „npm start“ (COUNTERSIGN_DATA_DIR oder dataDir in countersign.config.json) und führen Sie den Befehl im selben Ordner aus.`,
        ``,
        `There is no countersign database here: ${file}`,
        `Nothing was changed. Use the same data folder as "npm start" (COUNTERSIGN_DATA_DIR, or dataDir in countersign.config.json) and run the command in the same folder.`,
      ].join('\n'),
    );
    process.exit(1);
  }

  // Opening a store migrates; a checkout newer than the server still running on this database must
  // not change its schema under it. So the reset works only on a database at this code's version.
  const version = schemaVersion(file);
  if (version !== MIGRATIONS.length) {
    console.error(
      [
        `Die Datenbank hat Version ${version}, dieser Stand von countersign erwartet ${MIGRATIONS.length}. Nichts wurde geändert.`,
        `Starten Sie zuerst den Server mit diesem Stand („npm start“, er bringt die Datenbank auf den neuen Stand), beenden Sie ihn und führen Sie den Befehl dann noch einmal aus.`,
        ``,
        `The database is at version ${version}; this copy of countersign expects ${MIGRATIONS.length}. Nothing was changed.`,
        `Start the server from this copy first ("npm start" brings the database up to date), stop it, then run this command again.`,
      ].join('\n'),
    );
    process.exit(1);
  }

  const store = openSqliteStore({ file });
  try {
    await store.owner.reset();
  } finally {
    store.close();
  }
  console.log(
    [
      `Das Inhaber-Passwort ist zurückgesetzt, und alle Anmeldungen im Inhaberbereich sind beendet (${file}).`,
      `Beim nächsten „npm start“ gibt der Server ein neues Einrichtungsgeheimnis aus (Zeile „set-up secret“); damit legen Sie unter /owner/setup ein neues Passwort fest.`,
      `Läuft der Server gerade, starten Sie ihn jetzt neu: Erst dann gibt es ein neues Einrichtungsgeheimnis. Bis dahin ist der Inhaberbereich gesperrt. Tablets und Datensätze sind nicht betroffen.`,
      ``,
      `The owner password is reset, and every login to the owner area has ended (${file}).`,
      `At the next "npm start" the server prints a new set-up secret (the line "set-up secret"); with it you set a new password at /owner/setup.`,
      `If the server is running, restart it now: only then is there a new set-up secret. Until then the owner area is locked. Tablets and records are not affected.`,
    ].join('\n'),
  );
}

function schemaVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.pragma('user_version', { simple: true }) as number;
  } finally {
    db.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else if (error instanceof StoreError) console.error(`countersign cannot reset the owner password: ${error.message}`);
  else console.error(error);
  process.exit(1);
});
