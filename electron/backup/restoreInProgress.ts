import type { Vault } from '../core/vault';

/** The restore each vault is running: its database is replaced when the restore's worker has prepared the copy. */
const running = new WeakMap<Vault, Promise<unknown>>();

/**
 * Resolves once no restore is swapping this vault's database (at once when none is). A call that reads or writes the
 * records waits for it first, so it runs on the restored database rather than on the one closed under it.
 */
export function restoreSettled(vault: Vault): Promise<void> {
  const restoring = running.get(vault);
  return restoring ? restoring.then(settled, settled) : Promise.resolve();
}

/** Runs a restore's replacing of the database, known to every call that arrives meanwhile (restoreSettled). */
export function whileRestoring<T>(vault: Vault, work: () => Promise<T>): Promise<T> {
  const restoring = work();
  running.set(vault, restoring);
  void restoring.then(forget, forget);
  return restoring;

  function forget(): void {
    if (running.get(vault) === restoring) running.delete(vault);
  }
}

function settled(): void {
  // Succeeded or failed, the restore is over; its caller has its outcome.
}
