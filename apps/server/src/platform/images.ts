import sharp from 'sharp';

/**
 * Every image a user uploads (a visit's photos, the tenant's logo) is decoded and encoded again here before it is
 * kept: what is stored and served is pixels the server drew, in a type the server chose — never the client's
 * bytes or its claimed type. Re-encoding drops every piece of metadata (EXIF with its GPS position, XMP, comments,
 * ICC profiles after conversion to sRGB), honours the EXIF orientation first (`rotate()`), and an SVG becomes a
 * PNG, so no script or external reference survives. What does not decode is refused.
 */

export type ImageType = 'image/jpeg' | 'image/png' | 'image/webp';
export type EncodedImage = { type: ImageType; bytes: Buffer; width: number; height: number };

/** A decompression bomb (a small file of huge dimensions) is refused before its pixels are decoded. */
export const maxInputPixels = 40_000_000;
/** A photo's long side after re-encoding: enough to read a scratch, small enough to send to a phone. */
export const photoMaxSide = 2560;
/** The logo is shown small (the owner app's header, the admin's preview): its long side after rasterising. */
export const logoMaxSide = 512;

/** Why an image was refused, as the field message key the route answers with. */
export class ImageRefused extends Error {
  constructor(readonly key: 'image_unreadable' | 'image_pixels') {
    super(key);
    this.name = 'ImageRefused';
  }
}

type Format = 'jpeg' | 'png' | 'webp' | 'svg';

/** The format the bytes are (from their content, never the name or the claimed type), its size, or a refusal. */
const inspect = async (bytes: Buffer, accepted: readonly Format[], density?: number) => {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false, ...(density ? { density } : {}) }).metadata();
  } catch {
    throw new ImageRefused('image_unreadable');
  }
  const format = meta.format as string | undefined;
  if (!format || !(accepted as readonly string[]).includes(format) || !meta.width || !meta.height) {
    throw new ImageRefused('image_unreadable');
  }
  if (meta.width * meta.height > maxInputPixels) throw new ImageRefused('image_pixels');
  return { format: format as Format, width: meta.width, height: meta.height };
};

/** Runs the pipeline to the end; a file that fails part-way (cut off, corrupt) is refused, not half kept. */
const encode = async (pipeline: sharp.Sharp, type: ImageType): Promise<EncodedImage> => {
  try {
    const { data, info } = await pipeline.toBuffer({ resolveWithObject: true });
    return { type, bytes: data, width: info.width, height: info.height };
  } catch (error) {
    if (/pixel limit/i.test(String((error as Error).message))) throw new ImageRefused('image_pixels');
    throw new ImageRefused('image_unreadable');
  }
};

const decoder = (bytes: Buffer, density?: number) =>
  sharp(bytes, {
    limitInputPixels: maxInputPixels,
    // A truncated or corrupt file is an error, not a grey half picture.
    failOn: 'warning',
    ...(density ? { density } : {}),
  });

/**
 * A visit photo (JPEG, PNG or WebP in): turned upright, at most `photoMaxSide` on its long side, re-encoded as a
 * JPEG (a car in daylight needs no transparency; a PNG's alpha is laid on white).
 */
export const reencodePhoto = async (bytes: Buffer): Promise<EncodedImage> => {
  await inspect(bytes, ['jpeg', 'png', 'webp']);
  return encode(
    decoder(bytes)
      .rotate()
      .resize({ width: photoMaxSide, height: photoMaxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true }),
    'image/jpeg',
  );
};

/**
 * The tenant's logo (PNG, JPEG, WebP or SVG in): at most `logoMaxSide` on its long side, transparency kept, as a PNG
 * — or a WebP when the PNG would not fit in `maxBytes` (a photographic logo). An SVG is rasterised at the density
 * that draws it at that size: its scripts, event handlers and links are gone with the markup.
 */
export const reencodeLogo = async (bytes: Buffer, maxBytes: number): Promise<EncodedImage> => {
  const first = await inspect(bytes, ['jpeg', 'png', 'webp', 'svg']);
  let density: number | undefined;
  if (first.format === 'svg') {
    // metadata() measures an SVG at 72 dpi; draw it at the density that makes its long side logoMaxSide.
    density = Math.min(2400, Math.max(1, (72 * logoMaxSide) / Math.max(first.width, first.height)));
    await inspect(bytes, ['svg'], density);
  }
  const base = () =>
    decoder(bytes, density)
      .rotate()
      .resize({ width: logoMaxSide, height: logoMaxSide, fit: 'inside', withoutEnlargement: true });
  const candidates: [() => sharp.Sharp, ImageType][] = [
    [() => base().png({ compressionLevel: 9 }), 'image/png'],
    [() => base().png({ compressionLevel: 9, palette: true }), 'image/png'],
    [() => base().webp({ quality: 90, alphaQuality: 100 }), 'image/webp'],
    [() => base().webp({ quality: 70 }), 'image/webp'],
  ];
  let last: EncodedImage | null = null;
  for (const [pipeline, type] of candidates) {
    last = await encode(pipeline(), type);
    if (last.bytes.length <= maxBytes) return last;
  }
  throw new ImageRefused('image_pixels');
};

/** data:<type>;base64,<bytes> of an image the server encoded. */
export const dataUrlOf = (image: Pick<EncodedImage, 'type' | 'bytes'>) =>
  `data:${image.type};base64,${image.bytes.toString('base64')}`;

/** A data URL's declared type and bytes (the type is the client's word until the bytes are decoded). */
export const parseDataUrl = (dataUrl: string): { type: string; bytes: Buffer } | null => {
  const match = /^data:([a-z]+\/[a-z0-9.+-]+);base64,([A-Za-z0-9+/]+=*)$/s.exec(dataUrl);
  if (!match?.[1] || !match[2]) return null;
  const bytes = Buffer.from(match[2], 'base64');
  return bytes.length > 0 ? { type: match[1], bytes } : null;
};

/**
 * The headers every user-uploaded image is served with: the type the server decided, no sniffing, and a sandbox
 * policy so that even a file opened on its own (not in an <img>) can run nothing. `inline` for what the apps show
 * in an <img>; anything else would be `attachment`.
 */
export const uploadedImageHeaders = (type: ImageType, name: string): Record<string, string> => ({
  'content-type': type,
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; sandbox",
  'content-disposition': `inline; filename="${name.replace(/[^A-Za-z0-9._-]/g, '_')}.${extensions[type]}"`,
});

const extensions: Record<ImageType, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp' };

/** Whether a stored data URL's type is one the server encodes (an older row may hold what a client sent). */
export const isImageType = (type: string): type is ImageType => type in extensions;

/** A feed post's cover (docs/feed.md): its long side after re-encoding, enough for a phone's full width. */
export const coverMaxSide = 1280;

/** A cover (JPEG, PNG or WebP in): upright, at most `coverMaxSide`, a JPEG without metadata (no GPS position). */
export const reencodeCover = async (bytes: Buffer): Promise<EncodedImage> => {
  await inspect(bytes, ['jpeg', 'png', 'webp']);
  return encode(
    decoder(bytes)
      .rotate()
      .resize({ width: coverMaxSide, height: coverMaxSide, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true }),
    'image/jpeg',
  );
};
