import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

/** Server state for every app: retry network trouble, never a 4xx. */
export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
        refetchOnWindowFocus: false,
      },
    },
  });
