export * from './api.ts';
export * from './error-text.ts';
export * from './i18n.ts';
export * from './query.ts';
export * from './mask.ts';
export * from './render-app.tsx';
export * from './session.ts';
export * from './format.ts';
