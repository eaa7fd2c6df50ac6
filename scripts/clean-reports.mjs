// Removes the previous run's reports so the closing summary never counts a stale result.
import fs from 'node:fs';

fs.rmSync(new URL('../reports', import.meta.url), { recursive: true, force: true });
