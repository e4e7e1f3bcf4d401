import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/**
 * A QR code drawn by the `qrcode` library as a PNG image (an owner can long-press to save it): the referral
 * poster's link, an event ticket. Nothing is shown until it is drawn.
 */
export const QrImage = ({ value, size, alt, testId }: { value: string; size: number; alt: string; testId: string }) => {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(value, { width: size * 2, margin: 1, errorCorrectionLevel: 'M' }).then((url) => {
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [value, size]);
  return src ? <img src={src} alt={alt} width={size} height={size} data-testid={testId} /> : null;
};
