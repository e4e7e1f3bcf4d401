import sharp from 'sharp';
import type { BrandInput } from './input.ts';

/**
 * The pictures of a tenant's owner app, drawn by sharp: the mark (the uploaded logo, or a steering wheel in the
 * brand's colours when there is none) laid on the brand colour, as an icon, a maskable icon or a splash screen.
 */

/** Share of the icon's side the mark takes: most of it, or inside the maskable safe zone (a circle of 80 %). */
const anyShare = 0.72;
const maskableShare = 0.56;
/** Share of a splash screen's short side the mark takes. */
const splashShare = 0.3;

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** The generated mark: a white steering wheel with an accent hub, drawn in a 100×100 box. */
const wheel = (accent: string) =>
  `<circle cx="50" cy="50" r="40" fill="none" stroke="#fff" stroke-width="8"/>` +
  `<path d="M10 50H90M50 50V90" stroke="#fff" stroke-width="8"/>` +
  `<circle cx="50" cy="50" r="13" fill="${escapeXml(accent)}" stroke="#fff" stroke-width="4"/>`;

const wheelSvg = (accent: string, side: number) =>
  Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 100 100">${wheel(accent)}</svg>`,
  );

/** The mark as a transparent PNG fitting a `side`×`side` box: the logo contained (never cropped) or the wheel. */
const markPng = async (input: BrandInput, side: number): Promise<Buffer> => {
  const box = Math.max(1, Math.round(side));
  if (input.logo) {
    return sharp(input.logo)
      .resize(box, box, { fit: 'contain', background: { r: 0, g: 0, b: 0, alpha: 0 } })
      .png()
      .toBuffer();
  }
  return sharp(wheelSvg(input.accentColor, box)).resize(box, box).png().toBuffer();
};

/** A `width`×`height` PNG of the brand colour with the mark centred at `share` of its short side. */
const onBrand = async (input: BrandInput, width: number, height: number, share: number): Promise<Buffer> => {
  const composed = await sharp({ create: { width, height, channels: 3, background: input.primaryColor } })
    .composite([{ input: await markPng(input, Math.min(width, height) * share), gravity: 'centre' }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  // Opaque (iOS fills transparency with black): the composite's alpha channel is dropped, not kept as 255s.
  return sharp(composed.data, { raw: composed.info }).removeAlpha().png({ compressionLevel: 9 }).toBuffer();
};

/** A square icon; maskable keeps the mark inside the safe zone a launcher may crop to. No transparency (iOS). */
export const iconPng = (input: BrandInput, size: number, maskable = false) =>
  onBrand(input, size, size, maskable ? maskableShare : anyShare);

/** An iOS start-up image (apple-touch-startup-image) of one screen size. */
export const splashPng = (input: BrandInput, width: number, height: number) =>
  onBrand(input, width, height, splashShare);

/** The scalable icon: the wheel drawn as vectors, or the logo embedded as the raster the server keeps. */
export const iconSvg = async (input: BrandInput): Promise<string> => {
  const mark = input.logo
    ? `<image x="72" y="72" width="368" height="368" href="data:image/png;base64,${(await markPng(input, 368)).toString('base64')}"/>`
    : `<g transform="translate(72 72) scale(3.68)">${wheel(input.accentColor)}</g>`;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512"><title>${escapeXml(input.shortName)}</title>` +
    `<rect width="512" height="512" fill="${escapeXml(input.primaryColor)}"/>${mark}</svg>`
  );
};

export { escapeXml };
