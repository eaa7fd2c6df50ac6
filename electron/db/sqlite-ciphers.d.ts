// The cipher fork is API-identical to better-sqlite3 but its package "exports" hide its own typings.
declare module 'better-sqlite3-multiple-ciphers' {
  import Database from 'better-sqlite3';
  export default Database;
}
