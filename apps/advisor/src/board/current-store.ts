import { useCallback, useState } from 'react';
import { useStaffSession } from '../session/staff-session.ts';

const storageKey = 'm4s.advisor.store';

const remembered = (): string | null => {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
};

/**
 * The store whose board and walk-ins this person works on: a store's own staff always their store; a
 * group-wide role (集团) the one they picked last on this phone, or null until they pick one.
 */
export const useCurrentStore = () => {
  const { me } = useStaffSession();
  const own = me?.staff.store?.id ?? null;
  const [picked, setPicked] = useState<string | null>(remembered);
  const pick = useCallback((id: string) => {
    try {
      localStorage.setItem(storageKey, id);
    } catch {
      // Private mode: the choice lasts until the page is closed.
    }
    setPicked(id);
  }, []);
  return { storeId: own ?? picked, fixed: own !== null, pick };
};
