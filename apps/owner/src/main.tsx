import { apiPrefix } from '@m4s/contracts';
import { renderApp } from '@m4s/web-kit';
import { App } from './app.tsx';
import '@m4s/web-kit/mobile/base.css';
import './styles.css';

renderApp(<App />);

// Relative to <base href="/o/<slug>/">, so each dealer's app gets its own worker scope and cache. The worker
// learns where the API lives (which it never caches) from its own URL.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register(`sw.js?api=${encodeURIComponent(apiPrefix)}`).catch(() => {
      // Without a worker the app still works online; installability is a bonus, not a requirement.
    });
  });
}
