export * from './errors.ts';
export * from './roles.ts';
export * from './common.ts';
export * from './auth.ts';
export * from './tenant.ts';
export * from './stores.ts';
export * from './staff.ts';
export * from './audit.ts';
