import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { watchForSessionEnd } from './components/sessionEvents';
import './styles.css';

const queryClient = new QueryClient({
  // Every failed query or mutation is checked for an ended session, so no screen has to remember to.
  queryCache: new QueryCache({ onError: watchForSessionEnd }),
  mutationCache: new MutationCache({ onError: watchForSessionEnd }),
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 5_000 } },
});

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element');
createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
