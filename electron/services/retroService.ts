import type { RetroDataset, RetroReport } from '../../shared/contract/retro';
import type { ServiceContext } from './context';
import { DomainError } from './errors';

export async function listRetroDatasets(_ctx: ServiceContext): Promise<{ datasets: RetroDataset[] }> {
  return { datasets: [] };
}

export async function retroReport(_ctx: ServiceContext, _datasetId: string): Promise<RetroReport> {
  throw new DomainError('not_found', 'No such dataset.');
}
