import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { signedInUser, type FirstCalls } from './boot';
import { prefetchFirstCaseload } from './pages/useCaseloadWindows';

export async function mountApp(root: HTMLElement, firstCalls: FirstCalls): Promise<void> {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
  });
  // Usually answered while this script loaded; the page says "Opening Stepwise…" until then.
  const initialStatus = await firstCalls.authStatus;
  const firstCaseload = firstCalls.takeFirstCaseload();
  const user = signedInUser(initialStatus);
  if (user) prefetchFirstCaseload(queryClient, user, firstCaseload);
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <App initialStatus={initialStatus} />
      </QueryClientProvider>
    </StrictMode>,
  );
}
