import { useState, type ChangeEvent } from 'react';
import { DotLoading, Toast } from 'antd-mobile';
import { CameraOutline, CloseOutline } from 'antd-mobile-icons';
import { useI18n } from '../i18n.ts';
import { compressPhoto } from '@m4s/web-kit';
import './visit.css';

export type Photo = { key: string; dataUrl: string };

let counter = 0;

/**
 * The walk-around photos: the camera opens straight away on a phone (capture="environment"), each shot is
 * shrunk in the browser before it is kept, and shows as a thumbnail that can be removed again.
 */
export const PhotoPicker = ({ photos, onChange }: { photos: Photo[]; onChange: (photos: Photo[]) => void }) => {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);

  const add = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = Array.from(event.target.files ?? []);
    // The same file picked twice in a row must fire change again.
    event.target.value = '';
    if (files.length === 0) return;
    setBusy(true);
    const added: Photo[] = [];
    for (const file of files) {
      try {
        added.push({ key: `p${(counter += 1)}`, dataUrl: await compressPhoto(file) });
      } catch {
        Toast.show({ icon: 'fail', content: t('checkIn.photoFailed') });
      }
    }
    setBusy(false);
    onChange([...photos, ...added]);
  };

  return (
    <div className="photos" data-testid="check-in-photos">
      {photos.map((p) => (
        <div key={p.key} className="photo" data-testid="check-in-photo">
          <img src={p.dataUrl} alt="" />
          <button
            type="button"
            className="photo-remove"
            aria-label={t('checkIn.removePhoto')}
            onClick={() => onChange(photos.filter((x) => x.key !== p.key))}
          >
            <CloseOutline />
          </button>
        </div>
      ))}
      <label className="photo photo-add">
        {busy ? <DotLoading color="primary" /> : <CameraOutline />}
        <span>{busy ? t('checkIn.compressing') : t('checkIn.addPhoto')}</span>
        <input
          type="file"
          accept="image/*"
          capture="environment"
          multiple
          hidden
          onChange={(e) => void add(e)}
          data-testid="check-in-photo-input"
        />
      </label>
    </div>
  );
};
