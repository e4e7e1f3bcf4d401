import { useQuery } from '@tanstack/react-query';
import { loyaltyRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

/** The visit's member: tier, benefits to honour, coupons valid for this bill, points it may take (docs/loyalty.md). */
export const useVisitLoyalty = (visitId: string, enabled = true) =>
  useQuery({
    queryKey: ['visit-loyalty', visitId],
    queryFn: () => api.call(loyaltyRoutes.visit, { params: { id: visitId } }),
    enabled,
  });
