export * from './tenant-table.ts';
export * from './tenancy.ts';
export * from './people.ts';
export * from './records.ts';
export * from './catalogue.ts';
export * from './customers.ts';
export * from './vehicles.ts';
export * from './history.ts';
