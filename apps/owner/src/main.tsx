import { renderApp } from '@m4s/web-kit';
import { App } from './app.tsx';
import '@m4s/web-kit/mobile/base.css';
import './styles.css';

renderApp(<App />);

// Relative to <base href="/o/<slug>/">, so each dealer's app gets its own worker scope and cache.
if ('serviceWorker' in navigator) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('sw.js').catch(() => {
      // Without a worker the app still works online; installability is a bonus, not a requirement.
    });
  });
}
