// A customer's or a visit's photo as the server takes it (visit walk-rounds, complaint evidence): the data URL
// checked against the bytes it carries, then decoded and encoded again (platform/images.ts). Shared by the
// modules that take photos, below them all.
import { AppError } from './errors.ts';
import { dataUrlOf, ImageRefused, parseDataUrl, reencodePhoto } from './images.ts';

export type Photo = { type: 'image/jpeg' | 'image/png' | 'image/webp'; bytes: Buffer };

const startsWith = (b: Buffer, bytes: number[], at = 0) => bytes.every((x, i) => b[at + i] === x);

/** The bytes must be the image the data URL says it is (the app compresses to JPEG; PNG and WebP pass too). */
const sniff = (type: Photo['type'], b: Buffer) =>
  type === 'image/jpeg'
    ? startsWith(b, [0xff, 0xd8, 0xff])
    : type === 'image/png'
      ? startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
      : startsWith(b, [0x52, 0x49, 0x46, 0x46]) && startsWith(b, [0x57, 0x45, 0x42, 0x50], 8);

/** data:image/jpeg;base64,… → its type and bytes; null when it is not one of ours. */
export const decodePhoto = (dataUrl: string): Photo | null => {
  const match = /^data:(image\/(?:jpeg|png|webp));base64,(.+)$/s.exec(dataUrl);
  if (!match?.[1] || !match[2]) return null;
  const type = match[1] as Photo['type'];
  const bytes = Buffer.from(match[2], 'base64');
  return bytes.length > 0 && sniff(type, bytes) ? { type, bytes } : null;
};

/**
 * The photo as the server keeps it: decoded and encoded again (platform/images.ts) — upright, at most 2560 px,
 * a JPEG without EXIF (no GPS position), whatever the client sent. What does not decode is a 400 on `dataUrl`.
 */
export const reencoded = async (dataUrl: string): Promise<string> => {
  const sent = parseDataUrl(dataUrl);
  if (!sent) throw AppError.field('dataUrl', 'photo_format');
  try {
    return dataUrlOf(await reencodePhoto(sent.bytes));
  } catch (error) {
    if (error instanceof ImageRefused) throw AppError.field('dataUrl', error.key);
    throw error;
  }
};
