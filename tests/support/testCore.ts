import { createAppCore, type AppCore } from '../../electron/core/createAppCore';
import { createMemoryLogger, type MemoryLogger } from '../../electron/log/logger';
import { fixedClock, type Clock } from '../../electron/services/context';

export const TEST_NOW = new Date('2026-11-29T10:00:00.000Z');

export function sequentialIds(prefix = 'id'): () => string {
  let next = 0;
  return () => {
    next += 1;
    return `${prefix}-${String(next).padStart(6, '0')}`;
  };
}

export interface TestCore extends AppCore {
  readonly logger: MemoryLogger;
  readonly openedLinks: string[];
}

/** The real core (database, migrations, registry, services) with a fixed clock and predictable ids. */
export function createTestCore(dataDir: string, overrides: { clock?: Clock; newId?: () => string } = {}): TestCore {
  const logger = createMemoryLogger();
  const openedLinks: string[] = [];
  const core = createAppCore({
    dataDir,
    appVersion: '0.0.0-test',
    logger,
    clock: overrides.clock ?? fixedClock(TEST_NOW),
    newId: overrides.newId ?? sequentialIds(),
    openInSystemBrowser: async (url) => {
      openedLinks.push(url);
    },
  });
  return { ...core, logger, openedLinks };
}
