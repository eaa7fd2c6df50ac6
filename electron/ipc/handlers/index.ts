import type { HandlerMap } from '../registry';
import { appHandlers } from './app';
import { auditHandlers } from './audit';
import { authHandlers } from './auth';
import { backupsHandlers } from './backups';
import { careHandlers } from './care';
import { casesHandlers } from './cases';
import { demoHandlers } from './demo';
import { exportsHandlers } from './exports';
import { importsHandlers } from './imports';
import { jobsHandlers } from './jobs';
import { packetsHandlers } from './packets';
import { placementsHandlers } from './placements';
import { retroHandlers } from './retro';
import { rulesHandlers } from './rules';
import { usersHandlers } from './users';

/** Every channel's handler, grouped by domain and registered here in one place. */
export const handlers: HandlerMap = {
  ...appHandlers,
  ...authHandlers,
  ...usersHandlers,
  ...casesHandlers,
  ...placementsHandlers,
  ...careHandlers,
  ...demoHandlers,
  ...rulesHandlers,
  ...auditHandlers,
  ...exportsHandlers,
  ...importsHandlers,
  ...jobsHandlers,
  ...backupsHandlers,
  ...retroHandlers,
  ...packetsHandlers,
};
