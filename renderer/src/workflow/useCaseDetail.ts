import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { callOrThrow } from '../api/client';

export function caseDetailKey(caseId: string) {
  return ['cases.get', caseId] as const;
}

export function useCaseDetail(caseId: string) {
  return useQuery({ queryKey: caseDetailKey(caseId), queryFn: () => callOrThrow('cases.get', { caseId }) });
}

/** After anything that changes a case's assessments or decisions, every view that shows them is refreshed. */
export function useRefreshWorkflow() {
  const queryClient = useQueryClient();
  return useCallback(
    async (caseId: string) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: caseDetailKey(caseId) }),
        queryClient.invalidateQueries({ queryKey: ['cases.list'] }),
        queryClient.invalidateQueries({ queryKey: ['decisions.queue'] }),
        queryClient.invalidateQueries({ queryKey: ['reports.overview'] }),
      ]);
    },
    [queryClient],
  );
}
