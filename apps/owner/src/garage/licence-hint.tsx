import { useI18n } from '../i18n.ts';

/**
 * Where the two fields are on the 行驶证 (vehicle registration certificate): a small drawing of its
 * front page with the plate and the VIN's last six highlighted. The sample values are made up.
 */
export const LicenceHint = () => {
  const { t } = useI18n();
  return (
    <figure className="licence" data-testid="licence-hint">
      <div className="licence-card" aria-hidden>
        <div className="licence-title">{t('bind.licence')}</div>
        <div className="licence-row">
          <span className="licence-label">{t('bind.licencePlate')}</span>
          <span className="licence-value licence-mark">沪A12345</span>
          <span className="licence-label">{t('bind.licenceType')}</span>
          <span className="licence-value">{t('bind.licenceTypeValue')}</span>
        </div>
        <div className="licence-row">
          <span className="licence-label">{t('bind.licenceOwner')}</span>
          <span className="licence-value">张**</span>
        </div>
        <div className="licence-row">
          <span className="licence-label">{t('bind.licenceVin')}</span>
          <span className="licence-value licence-vin">
            LSVAM4187N2<span className="licence-mark">183456</span>
          </span>
        </div>
      </div>
      <figcaption className="licence-caption">
        <strong>{t('bind.hintTitle')}</strong>
        {t('bind.hintText')}
      </figcaption>
    </figure>
  );
};
