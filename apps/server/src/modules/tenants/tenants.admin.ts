import type { Database } from '../../platform/db/types.ts';

export type NewTenant = {
  slug: string;
  name: string;
  shortName: string;
  primaryColor?: string;
  accentColor?: string;
  dealerHotline?: string;
  oemHotline?: string;
};

/**
 * Creating a tenant is a platform operation (seed, CLI, tests), never a request: the application role
 * may not insert tenants, so this runs on the owner connection.
 */
export const createTenant = async (db: Database, t: NewTenant): Promise<string> => {
  const { rows } = await db.owner.executeSql(
    `INSERT INTO tenants (slug, name, short_name, primary_color, accent_color, dealer_hotline, oem_hotline)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [
      t.slug,
      t.name,
      t.shortName,
      t.primaryColor ?? '#1677ff',
      t.accentColor ?? '#fa8c16',
      t.dealerHotline ?? null,
      t.oemHotline ?? null,
    ],
  );
  const id = rows[0]?.id;
  if (typeof id !== 'string') throw new Error('tenant insert returned nothing');
  return id;
};

export const tenantCount = async (db: Database): Promise<number> => {
  const { rows } = await db.owner.executeSql('SELECT count(*)::int AS n FROM tenants', []);
  return Number(rows[0]?.n ?? 0);
};
