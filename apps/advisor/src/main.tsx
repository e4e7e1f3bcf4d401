import { renderApp } from '@m4s/web-kit';
import { App } from './app.tsx';
import '@m4s/web-kit/mobile/base.css';
import './styles.css';

renderApp(<App />);
