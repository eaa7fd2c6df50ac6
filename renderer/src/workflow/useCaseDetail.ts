import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import { callOrThrow } from '../api/client';

export function caseDetailKey(caseId: string) {
  return ['cases.get', caseId] as const;
}

export function useCaseDetail(caseId: string) {
  return useQuery({ queryKey: caseDetailKey(caseId), queryFn: () => callOrThrow('cases.get', { caseId }) });
}

/** Lists and reports that summarise cases; each is refetched when one case changes. */
async function invalidateCaseViews(queryClient: QueryClient): Promise<void> {
  await Promise.all(
    ['cases.list', 'decisions.queue', 'decisions.queueCount', 'reports.overview', 'reports.metrics'].map((channel) =>
      queryClient.invalidateQueries({ queryKey: [channel] }),
    ),
  );
}

/** After anything that changes a case's assessments or decisions, every view that shows them is refreshed. */
export function useRefreshWorkflow() {
  const queryClient = useQueryClient();
  return useCallback(
    async (caseId: string) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: caseDetailKey(caseId) }), invalidateCaseViews(queryClient)]);
    },
    [queryClient],
  );
}

/** The care channels answer with the refreshed case: show it at once, then refresh the lists that summarise it. */
export function useShowCaseDetail() {
  const queryClient = useQueryClient();
  return useCallback(
    async (detail: CaseDetail) => {
      queryClient.setQueryData(caseDetailKey(detail.summary.id), detail);
      await invalidateCaseViews(queryClient);
    },
    [queryClient],
  );
}
