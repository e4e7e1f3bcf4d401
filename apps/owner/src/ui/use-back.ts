import { useNavigate } from 'react-router-dom';

/**
 * Back within the app when there is somewhere to go back to; a page opened from a message or a
 * bookmark has no history here, so it goes to `fallback` instead of leaving the app.
 */
export const useBack = (fallback: string) => {
  const navigate = useNavigate();
  return () => {
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0) void navigate(-1);
    else void navigate(fallback, { replace: true });
  };
};
