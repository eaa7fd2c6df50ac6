import { sql, type Kysely } from 'kysely';
import type { StepwiseSchema } from './schema';

/**
 * Where a connection's view of the database stood: the rows this connection has changed so far (`total_changes()`,
 * counted even when rolled back) and `data_version`, which moves whenever another connection commits. Equal stamps
 * from the same connection mean nothing was written in between; a stamp cannot tell anything else apart, so a
 * different one means only "maybe".
 */
export interface ChangeStamp {
  /** The connection the stamp was read on: a stamp is compared only with another from the same connection. */
  readonly connection: object;
  readonly changes: number;
  readonly dataVersion: number;
}

/**
 * Read in one statement through Kysely, so no transaction of this connection is open meanwhile: changes it had made
 * and then committed after the stamp would otherwise hide behind an unchanged count.
 */
export async function changeStamp(db: Kysely<StepwiseSchema>, connection: object): Promise<ChangeStamp> {
  const result = await sql<{ changes: number; dataVersion: number }>`
    SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS dataVersion`.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('SQLite returned no change stamp');
  return { connection, changes: Number(row.changes), dataVersion: Number(row.dataVersion) };
}

export function sameStamp(a: ChangeStamp, b: ChangeStamp): boolean {
  return a.connection === b.connection && a.changes === b.changes && a.dataVersion === b.dataVersion;
}
