import { v7 } from 'uuid';

/**
 * A new row id for rows written in bulk (an import's customers, cars, orders and what hangs off them): a
 * time-ordered UUID (version 7). Consecutive ids sort together, so a batch's rows go to the right-hand edge
 * of the primary-key indexes (and of every index that leads with the new row's parent id) instead of one
 * random page each — on a million-customer database that page is rarely in memory (bench/RESULTS.md, import).
 */
export const newRowId = (): string => v7();

/**
 * SQL: a version-4-shaped UUID from `key` (a text expression) under `nonce` (a text expression: a random id
 * made in Node for the run) — md5 of the two, the version and variant digits set. An immutable expression,
 * so a statement that makes rows with it can run on a Citus shard as it is (gen_random_uuid(), volatile,
 * makes Citus run an INSERT … SELECT through the coordinator, which row-level security refuses). Unique as
 * long as the keys are within one nonce.
 */
export const nonceUuidSql = (nonce: string, key: string): string => {
  const h = `md5(${nonce} || ':' || ${key})`;
  return `(substr(${h}, 1, 12) || '4' || substr(${h}, 14, 3) || translate(substr(${h}, 17, 1), '0123456789abcdef', '89ab89ab89ab89ab') || substr(${h}, 18))::uuid`;
};
