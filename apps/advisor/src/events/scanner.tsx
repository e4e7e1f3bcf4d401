import { useEffect, useRef, useState } from 'react';

type Detected = { rawValue: string };
type Detector = { detect: (source: HTMLVideoElement) => Promise<Detected[]> };
type DetectorClass = new (options: { formats: string[] }) => Detector;

/** The browser's BarcodeDetector (Chrome on Android, Safari 17+), where it has one. */
export const barcodeDetector = (): DetectorClass | null =>
  (globalThis as { BarcodeDetector?: DetectorClass }).BarcodeDetector ?? null;

/**
 * The camera's picture read for QR codes a few times a second; each new value is handed to `onCode` (the
 * same value again only after 3 s, so one ticket held up is not sent twice). Stops the camera on unmount.
 */
export const Scanner = ({ onCode, onFail }: { onCode: (value: string) => void; onFail: () => void }) => {
  const video = useRef<HTMLVideoElement>(null);
  const [live, setLive] = useState(false);
  useEffect(() => {
    const Detector = barcodeDetector();
    if (!Detector || !navigator.mediaDevices?.getUserMedia) {
      onFail();
      return;
    }
    let stream: MediaStream | null = null;
    let timer: ReturnType<typeof setInterval> | null = null;
    let stopped = false;
    const last = { value: '', at: 0 };
    const detector = new Detector({ formats: ['qr_code'] });
    void navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment' } })
      .then(async (s) => {
        if (stopped) return s.getTracks().forEach((track) => track.stop());
        stream = s;
        if (!video.current) return;
        video.current.srcObject = s;
        await video.current.play();
        setLive(true);
        timer = setInterval(() => {
          if (!video.current) return;
          void detector.detect(video.current).then((found) => {
            const value = found[0]?.rawValue;
            if (!value || (value === last.value && Date.now() - last.at < 3000)) return;
            last.value = value;
            last.at = Date.now();
            onCode(value);
          });
        }, 300);
      })
      .catch(() => onFail());
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [onCode, onFail]);
  return (
    <video
      ref={video}
      className={live ? 'check-in-video' : 'check-in-video check-in-video-off'}
      muted
      playsInline
      data-testid="check-in-video"
    />
  );
};
