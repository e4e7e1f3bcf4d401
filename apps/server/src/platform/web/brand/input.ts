import { createHash } from 'node:crypto';

/** What a tenant's owner-app assets are made of: its branding, its logo (the raster the server keeps) and its link. */
export type BrandInput = {
  slug: string;
  name: string;
  shortName: string;
  primaryColor: string;
  accentColor: string;
  /** The stored logo's bytes (PNG or WebP), or null for the generated mark. */
  logo: Buffer | null;
  /** The absolute address an owner installs the app from (PUBLIC_URL + /o/<slug>/). */
  installUrl: string;
};

/** The owner app's address for a tenant, under the server's public address (docs/configuration.md). */
export const installUrlOf = (publicUrl: string, slug: string): string =>
  new URL(`/o/${encodeURIComponent(slug)}/`, publicUrl).href;

export const sha256 = (data: Buffer | string): string => createHash('sha256').update(data).digest('hex');

/** A key that changes whenever anything an asset is drawn from changes. */
export const inputKey = (input: BrandInput): string =>
  sha256(
    JSON.stringify([input.slug, input.name, input.shortName, input.primaryColor, input.accentColor, input.installUrl]) +
      (input.logo ? sha256(input.logo) : '-'),
  );
