import { iconPng, iconSvg, splashPng } from './marks.ts';
import { installPosterSvg, installQrPng, installQrSvg } from './install.ts';
import type { BrandInput } from './input.ts';

/**
 * Every branded file of a tenant's owner app, by name: what `m4s brand-apps` writes and what the server serves
 * at /o/<slug>/<name> — one builder, so the installed app and the batch output are the same bytes.
 */

/** Home-screen and launcher sizes: Android densities (48–192), iOS (120, 152, 167, 180), PWA 256/384/512. */
export const iconSizes = [48, 72, 96, 120, 128, 144, 152, 167, 180, 192, 256, 384, 512] as const;
export const maskableSizes = [192, 512] as const;
/** iPhone and iPad portrait screens in device pixels, with the CSS size and ratio their media query names. */
export const splashScreens = [
  { w: 640, h: 1136, ratio: 2 },
  { w: 750, h: 1334, ratio: 2 },
  { w: 828, h: 1792, ratio: 2 },
  { w: 1125, h: 2436, ratio: 3 },
  { w: 1170, h: 2532, ratio: 3 },
  { w: 1179, h: 2556, ratio: 3 },
  { w: 1242, h: 2688, ratio: 3 },
  { w: 1284, h: 2778, ratio: 3 },
  { w: 1290, h: 2796, ratio: 3 },
  { w: 1536, h: 2048, ratio: 2 },
  { w: 1668, h: 2388, ratio: 2 },
  { w: 2048, h: 2732, ratio: 2 },
] as const;

export type BrandAsset = { type: string; bytes: Buffer };

const json = (value: unknown): BrandAsset => ({
  type: 'application/manifest+json; charset=utf-8',
  bytes: Buffer.from(`${JSON.stringify(value, null, 2)}\n`),
});
const svg = (text: string): BrandAsset => ({ type: 'image/svg+xml; charset=utf-8', bytes: Buffer.from(text) });
const png = (bytes: Buffer): BrandAsset => ({ type: 'image/png', bytes });

/** The web app manifest: names, colours (the splash is the brand colour), start URL, scope and every icon. */
export const ownerManifest = (input: BrandInput) => {
  const scope = `/o/${input.slug}/`;
  return {
    id: scope,
    name: input.name,
    short_name: input.shortName,
    description: `${input.name} 车主服务：预约保养、维修档案、会员权益`,
    lang: 'zh-CN',
    dir: 'ltr',
    start_url: scope,
    scope,
    display: 'standalone',
    orientation: 'portrait',
    background_color: input.primaryColor,
    theme_color: input.primaryColor,
    icons: [
      ...iconSizes.map((s) => ({ src: `icon-${s}.png`, sizes: `${s}x${s}`, type: 'image/png', purpose: 'any' })),
      ...maskableSizes.map((s) => ({
        src: `icon-maskable-${s}.png`,
        sizes: `${s}x${s}`,
        type: 'image/png',
        purpose: 'maskable',
      })),
      { src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
    ],
  };
};

type Builder = (input: BrandInput) => Promise<BrandAsset>;

const builders: Record<string, Builder> = {
  'manifest.webmanifest': async (input) => json(ownerManifest(input)),
  'icon.svg': async (input) => svg(await iconSvg(input)),
  'apple-touch-icon.png': async (input) => png(await iconPng(input, 180)),
  'install-qr.png': async (input) => png(await installQrPng(input)),
  'install-qr.svg': async (input) => svg(await installQrSvg(input)),
  'install-poster.svg': async (input) => svg(await installPosterSvg(input)),
  ...Object.fromEntries(iconSizes.map((s) => [`icon-${s}.png`, async (i: BrandInput) => png(await iconPng(i, s))])),
  ...Object.fromEntries(
    maskableSizes.map((s) => [`icon-maskable-${s}.png`, async (i: BrandInput) => png(await iconPng(i, s, true))]),
  ),
  ...Object.fromEntries(
    splashScreens.map(({ w, h }) => [`splash-${w}x${h}.png`, async (i: BrandInput) => png(await splashPng(i, w, h))]),
  ),
};

/** Every asset's file name, in a stable order. */
export const brandAssetNames: readonly string[] = Object.keys(builders).sort();

export const isBrandAsset = (name: string): boolean => Object.hasOwn(builders, name);

/** One asset, or null for a name that is not one. */
export const brandAsset = (input: BrandInput, name: string): Promise<BrandAsset> | null =>
  isBrandAsset(name) ? (builders[name] as Builder)(input) : null;

/** Whether drawing the asset needs the tenant's logo (the manifest, the QR code and its text do not). */
export const needsLogo = (name: string): boolean =>
  name.endsWith('.png') ? !name.startsWith('install-qr') : name === 'icon.svg' || name === 'install-poster.svg';

/** Every asset of a tenant, drawn one after the other (sharp already uses the cores). */
export const buildBrandAssets = async (input: BrandInput): Promise<Map<string, BrandAsset>> => {
  const out = new Map<string, BrandAsset>();
  for (const name of brandAssetNames) out.set(name, await (builders[name] as Builder)(input));
  return out;
};
