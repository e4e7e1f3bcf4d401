import { Button, Popup } from 'antd-mobile';
import type { OwnerVisit } from '@m4s/contracts';
import { dayOf, km, yuan } from '@m4s/web-kit';
import { useI18n } from '../i18n.ts';

/** One visit's order: what was done and what it cost, line by line, with the labour and parts totals. */
type Props = { visit: OwnerVisit | null; visible: boolean; onClose: () => void };

/** `visit` stays set while the sheet slides away, so its content does not vanish mid-animation. */
export const VisitSheet = ({ visit, visible, onClose }: Props) => {
  const { t, locale } = useI18n();
  const money = (fen: number) => (fen === 0 ? t('history.free') : yuan(fen, locale));
  return (
    <Popup visible={visible} onMaskClick={onClose} onClose={onClose} bodyClassName="visit-sheet" showCloseButton>
      {visit ? (
        <div data-testid="visit-sheet">
          <div className="visit-sheet-head">
            <div className="visit-sheet-title">
              {t(`ro.${visit.type}`)} · {dayOf(visit.dateIn)}
            </div>
            <div className="visit-sheet-sub">
              {[
                visit.storeName ? t('history.store', { name: visit.storeName }) : null,
                visit.mileageKm === null ? null : t('history.km', { km: km(visit.mileageKm, locale) }),
              ]
                .filter(Boolean)
                .join(' · ')}
            </div>
          </div>
          <div className="visit-sheet-caption">{t('history.lines')}</div>
          <ul className="visit-lines">
            {visit.lines.map((line, i) => (
              <li key={i} className="visit-line" data-testid="visit-line">
                <span className="visit-line-name">
                  {line.description}
                  <span className="visit-line-qty">
                    {line.kind === 'labour'
                      ? line.labourHours === null
                        ? ''
                        : t('history.hours', { hours: line.labourHours })
                      : t('history.qty', { qty: line.quantity })}
                  </span>
                </span>
                <span className="visit-line-amount">{money(line.amountFen)}</span>
              </li>
            ))}
          </ul>
          <dl className="visit-totals">
            <div>
              <dt>{t('history.labour')}</dt>
              <dd>{yuan(visit.labourFen, locale)}</dd>
            </div>
            <div>
              <dt>{t('history.parts')}</dt>
              <dd>{yuan(visit.partsFen, locale)}</dd>
            </div>
            <div className="visit-total">
              <dt>{t('history.total')}</dt>
              <dd data-testid="visit-total">{yuan(visit.totalFen, locale)}</dd>
            </div>
          </dl>
          <div className="visit-sheet-foot">
            <div>{t('history.number', { number: visit.number })}</div>
            {visit.advisorName ? <div>{t('history.advisor', { name: visit.advisorName })}</div> : null}
          </div>
          <Button block shape="rounded" onClick={onClose}>
            {t('history.close')}
          </Button>
        </div>
      ) : null}
    </Popup>
  );
};
