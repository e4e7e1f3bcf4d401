import type { OwnerAppInstall } from '@m4s/contracts';
import type { Ctx } from '../../platform/context.ts';
import { brandAsset, type BrandAsset } from '../../platform/web/brand/assets.ts';
import { inputKey, installUrlOf, sha256, type BrandInput } from '../../platform/web/brand/input.ts';
import { currentTenant, servedLogo } from './tenants.service.ts';

/**
 * A tenant's owner-app assets as the server serves them and `m4s brand-apps` writes them: the input read from the
 * tenant's branding (the logo only when the asset is drawn from it), the asset from the one builder.
 */
export const brandInput = async (ctx: Ctx, publicUrl: string, withLogo = true): Promise<BrandInput> => {
  const t = await currentTenant(ctx);
  const logo = withLogo && t.hasLogo ? await servedLogo(ctx) : null;
  return {
    slug: t.slug,
    name: t.name,
    shortName: t.shortName,
    primaryColor: t.primaryColor,
    accentColor: t.accentColor,
    logo: logo?.bytes ?? null,
    installUrl: installUrlOf(publicUrl, t.slug),
  };
};

export type ServedAsset = BrandAsset & { etag: string };

/** Drawn assets by input and name: a tenant's icons are drawn once per branding, not per request. */
const cache = new Map<string, Promise<ServedAsset | null>>();
const cacheMax = 300;

/** The asset `name` for this input (drawn at most once while it stays in the cache), or null for no such asset. */
export const servedAsset = (input: BrandInput, name: string): Promise<ServedAsset | null> => {
  const key = `${inputKey(input)}:${name}`;
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const drawn = brandAsset(input, name);
  const entry = drawn
    ? drawn.then((a) => ({ ...a, etag: `"${sha256(a.bytes).slice(0, 32)}"` }))
    : Promise.resolve(null);
  cache.set(key, entry);
  entry.catch(() => cache.delete(key));
  while (cache.size > cacheMax) cache.delete(cache.keys().next().value as string);
  return entry;
};

/** The install link and its QR code for the admin console (the same PNG as install-qr.png). */
export const ownerAppInstall = async (ctx: Ctx, publicUrl: string): Promise<OwnerAppInstall> => {
  const input = await brandInput(ctx, publicUrl, false);
  const qr = await servedAsset(input, 'install-qr.png');
  return { url: input.installUrl, qrPng: `data:image/png;base64,${(qr as ServedAsset).bytes.toString('base64')}` };
};

/** The A4 install poster and the name it is downloaded as. */
export const ownerAppPoster = async (ctx: Ctx, publicUrl: string) => {
  const input = await brandInput(ctx, publicUrl);
  const poster = (await servedAsset(input, 'install-poster.svg')) as ServedAsset;
  return { ...poster, filename: `install-poster-${input.slug}.svg` };
};
