export * from './api.ts';
export * from './i18n.ts';
export * from './query.ts';
export * from './mask.ts';
