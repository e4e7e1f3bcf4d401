import { visitPhotoMaxChars } from '@m4s/contracts';

const maxSide = 1280;

const loadImage = (file: Blob): Promise<HTMLImageElement> =>
  new Promise((resolve, reject) => {
    const url = URL.createObjectURL(file);
    const image = new Image();
    image.onload = () => {
      URL.revokeObjectURL(url);
      resolve(image);
    };
    image.onerror = () => {
      URL.revokeObjectURL(url);
      reject(new Error('image_unreadable'));
    };
    image.src = url;
  });

/**
 * A phone camera's 12-megapixel photo is 4–8 MB; the walk-around needs to show a scratch, not print a
 * poster. Scaled on a canvas to at most 1280 px on the long side and re-encoded as JPEG, it is ~200 KB,
 * which uploads in a moment over the store's Wi-Fi and fits the server's limit with room to spare.
 */
export const compressPhoto = async (file: Blob): Promise<string> => {
  const image = await loadImage(file);
  const scale = Math.min(1, maxSide / Math.max(image.naturalWidth, image.naturalHeight));
  const width = Math.max(1, Math.round(image.naturalWidth * scale));
  const height = Math.max(1, Math.round(image.naturalHeight * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('canvas_unavailable');
  // JPEG has no transparency: a PNG's transparent parts would turn black without a white ground.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(image, 0, 0, width, height);
  for (const quality of [0.82, 0.7, 0.55, 0.4]) {
    const dataUrl = canvas.toDataURL('image/jpeg', quality);
    if (dataUrl.length <= visitPhotoMaxChars) return dataUrl;
  }
  throw new Error('image_too_large');
};
