import { ApiError } from './api.ts';

/** The server's own message (already in the user's language), or the fallback for network trouble. */
export const errorText = (error: unknown, fallback: string): string =>
  error instanceof ApiError && error.message ? error.message : fallback;
