import { createContext, useContext } from 'react';
import type { PublicTenant } from '@m4s/contracts';

const TenantContext = createContext<PublicTenant | null>(null);

export const TenantProvider = TenantContext.Provider;

/** The dealer group whose app this is; set once by TenantGate before anything else renders. */
export const useTenant = (): PublicTenant => {
  const tenant = useContext(TenantContext);
  if (!tenant) throw new Error('useTenant outside TenantGate');
  return tenant;
};
