import { v7 } from 'uuid';

/**
 * A new row id for rows written in bulk (an import's customers, cars, orders and what hangs off them): a
 * time-ordered UUID (version 7). Consecutive ids sort together, so a batch's rows go to the right-hand edge
 * of the primary-key indexes (and of every index that leads with the new row's parent id) instead of one
 * random page each — on a million-customer database that page is rarely in memory (bench/RESULTS.md, import).
 */
export const newRowId = (): string => v7();

/**
 * SQL: a row id computed from `text` (an SQL expression) — its md5 shaped as a version-4 UUID (version and
 * variant nibbles set, as validators expect). For an `INSERT … SELECT` that must name its ids: a volatile
 * default (gen_random_uuid()) sends the statement through the Citus coordinator, which row-level security
 * refuses (docs/scaling.md §4). Unique as long as `text` is, within the tenant.
 */
export const sqlIdOf = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;
