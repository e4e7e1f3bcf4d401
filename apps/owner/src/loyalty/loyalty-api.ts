import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { loyaltyRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['owner-loyalty'] as const;

/** 会员中心: tier, points, coupons and what points can buy (docs/loyalty.md). */
export const useOwnerLoyalty = () => useQuery({ queryKey: key, queryFn: () => api.call(loyaltyRoutes.owner) });

/** 积分明细: the owner's statement, newest first. */
export const useOwnerStatement = () =>
  useQuery({ queryKey: [...key, 'statement'], queryFn: () => api.call(loyaltyRoutes.ownerStatement) });

/** 积分兑换: points for a coupon; the wallet and the statement are read again. */
export const useRedeem = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (templateId: string) => api.call(loyaltyRoutes.ownerRedeem, { body: { templateId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key }),
  });
};
