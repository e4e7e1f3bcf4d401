import { PhoneFill } from 'antd-mobile-icons';
import { useI18n, type OwnerMessageKey } from '../i18n.ts';

const names: Record<string, OwnerMessageKey> = {
  rescueLine: 'svc.call.rescueLine',
  oem: 'svc.call.oem',
  dealer: 'svc.call.dealer',
};

/** tel: buttons for the lines a service names (the store's rescue line, the OEM's hotline). */
export const CallButtons = ({ calls }: { calls: { key: string; number: string }[] }) => {
  const { t } = useI18n();
  if (calls.length === 0) return null;
  return (
    <div className="svc-calls">
      {calls.map((c) => (
        <a key={c.key} className="svc-call" href={`tel:${c.number}`} data-testid={`svc-call-${c.key}`}>
          <PhoneFill aria-hidden />
          <span>
            {t('svc.call', { name: names[c.key] ? t(names[c.key] ?? 'svc.call.dealer') : c.key })}
            <small>{c.number}</small>
          </span>
        </a>
      ))}
    </div>
  );
};
