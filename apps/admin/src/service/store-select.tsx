import { useEffect } from 'react';
import { Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useI18n } from '../i18n.ts';
import { useSignedInMe } from '../auth/session.ts';
import { useStores } from '../stores/store-api.ts';

const storageKey = 'm4s.admin.serviceStore';

const remembered = (): string | null => {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
};

/**
 * Which store a 售后服务 page shows, kept in the URL (?store=) so a reload or a shared link opens the same
 * one, and remembered in this browser so the next 售后服务 page opens on it too. A store's own staff
 * start on their store, group roles on the first; `allowAll` adds 全部门店 (null).
 */
export const useStoreChoice = (allowAll = false) => {
  const me = useSignedInMe();
  const stores = useStores();
  const [params, setParams] = useSearchParams();
  const inUrl = params.get('store');
  const known = (id: string | null) => (id && stores.data?.some((s) => s.id === id) ? id : null);
  const fallback = me.staff.store?.id ?? known(remembered()) ?? (allowAll ? null : (stores.data?.[0]?.id ?? null));
  const storeId = inUrl === 'all' ? null : (inUrl ?? fallback);

  useEffect(() => {
    if (!inUrl && fallback) setParams((p) => ({ ...Object.fromEntries(p), store: fallback }), { replace: true });
  }, [inUrl, fallback, setParams]);

  const choose = (id: string | null) => {
    try {
      if (id) localStorage.setItem(storageKey, id);
    } catch {
      // Private mode: the choice lasts for this page only.
    }
    setParams((p) => ({ ...Object.fromEntries(p), store: id ?? 'all' }), { replace: true });
  };
  return { storeId, choose };
};

type Props = { value: string | null; onChange: (id: string | null) => void; allowAll?: boolean };

export const StoreSelect = ({ value, onChange, allowAll = false }: Props) => {
  const { t } = useI18n();
  const stores = useStores();
  const options = [
    ...(allowAll ? [{ value: 'all', label: t('service.allStores') }] : []),
    ...(stores.data ?? []).map((s) => ({ value: s.id, label: s.name })),
  ];
  return (
    <Select
      style={{ minWidth: 200 }}
      value={value ?? (allowAll ? 'all' : undefined)}
      placeholder={t('service.pickStore')}
      loading={stores.isPending}
      options={options}
      onChange={(v: string) => onChange(v === 'all' ? null : v)}
      data-testid="store-select"
    />
  );
};
