import { z } from 'zod';
import { uuid } from './common.ts';

/**
 * The old systems a tenant's data comes from ("旧DMS", "二网系统"). Each import names its source; the
 * numbers the old system gave its records are kept as source keys (source + kind + number → the row).
 */
export const importKeyEntities = ['customer', 'vehicle', 'repair_order', 'sales_order'] as const;
export type ImportKeyEntity = (typeof importKeyEntities)[number];

/** The name of the source an import takes when it names none (created when first needed). */
export const defaultImportSourceName = '原系统';

export const importSource = z.object({
  id: uuid,
  name: z.string(),
  /** The source of imports that name none. */
  isDefault: z.boolean(),
  /** Source keys kept, by kind (customer, vehicle, repair_order, sales_order). */
  keys: z.record(z.string(), z.number().int()),
  createdAt: z.string(),
});
export type ImportSource = z.infer<typeof importSource>;

const sourceName = z.string().trim().min(1).max(40);

export const importSourceInput = z.strictObject({ name: sourceName });
export type ImportSourceInput = z.infer<typeof importSourceInput>;
