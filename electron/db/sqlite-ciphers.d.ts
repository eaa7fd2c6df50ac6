// The cipher fork is API-identical to better-sqlite3 but its package "exports" hide its own typings.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export default Database;
  /** What the fork adds to a connection, missing from the better-sqlite3 typings borrowed above. */
  export interface CipherConnection extends Database.Database {
    key(key: Buffer): number;
    rekey(key: Buffer): number;
  }
}
