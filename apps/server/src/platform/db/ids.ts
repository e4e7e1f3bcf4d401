import { v7 } from 'uuid';

/**
 * A new row id for rows written in bulk (an import's customers, cars, orders and what hangs off them): a
 * time-ordered UUID (version 7). Consecutive ids sort together, so a batch's rows go to the right-hand edge
 * of the primary-key indexes (and of every index that leads with the new row's parent id) instead of one
 * random page each — on a million-customer database that page is rarely in memory (bench/RESULTS.md, import).
 */
export const newRowId = (): string => v7();
