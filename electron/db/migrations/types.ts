export interface Migration {
  /** Schema version after this migration; versions are consecutive from 1. */
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}
