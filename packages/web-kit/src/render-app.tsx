import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { getLocale } from './i18n.ts';

/** Mounts an app into index.html's #root, with <html lang> already set to the remembered language. */
export const renderApp = (app: ReactNode) => {
  document.documentElement.lang = getLocale();
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(<StrictMode>{app}</StrictMode>);
};
