import { useMemo } from 'react';
import { useStaffList } from '../staff/staff-api.ts';
import { useStores } from '../stores/store-api.ts';

const everyone = { storeId: null, q: '' };

/** Staff and store names for ids on customer records; an unknown id reads as null (shown as —). */
export const useNames = () => {
  const staff = useStaffList(everyone);
  const stores = useStores();
  return useMemo(() => {
    const staffById = new Map((staff.data ?? []).map((s) => [s.id, s]));
    const storesById = new Map((stores.data ?? []).map((s) => [s.id, s]));
    return {
      staff: staff.data ?? [],
      stores: stores.data ?? [],
      staffName: (id: string | null) => (id ? (staffById.get(id)?.name ?? null) : null),
      storeName: (id: string | null) => (id ? (storesById.get(id)?.name ?? null) : null),
    };
  }, [staff.data, stores.data]);
};
