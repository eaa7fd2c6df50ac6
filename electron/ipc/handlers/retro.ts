import { listRetroDatasets, retroReport } from '../../services/retroService';
import type { HandlerMap } from '../registry';

// Not audited: both read aggregate counts of public, de-identified TEDS-D data (no person link, no dates, no names)
// and open no patient's record; the import that brought the data in is audited, and so is any export of the report.
export const retroHandlers: Pick<HandlerMap, 'retro.datasets' | 'retro.report'> = {
  'retro.datasets': { kind: 'query', audit: 'not-audited', handle: (_input, ctx) => listRetroDatasets(ctx) },
  'retro.report': { kind: 'query', audit: 'not-audited', handle: (input, ctx) => retroReport(ctx, input.datasetId) },
};
