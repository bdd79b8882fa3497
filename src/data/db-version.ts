/**
 * The name and the newest version of the tablet's database, apart from db.ts so that the app's
 * first module (early-boot.ts) can check them without loading Dexie. db.test.ts holds the version
 * to db.ts's version() history: raise it together with every new version there.
 */
export const DB_NAME = 'countersign';
export const DB_VERSION = 4;
/** Dexie opens IndexedDB at ten times its own version number. */
export const IDB_VERSION = DB_VERSION * 10;
