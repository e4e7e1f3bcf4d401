import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { referralRoutes, type OwnerReferralBody } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['owner-referrals'] as const;

/** 推荐有礼: the owner's code and their referrals' progress (docs/referrals.md). */
export const useOwnerReferrals = () => useQuery({ queryKey: key, queryFn: () => api.call(referralRoutes.owner) });

/** The link's landing: whose code it is and the stores to choose. */
export const useCodeInfo = (code: string | null) =>
  useQuery({
    queryKey: [...key, 'code', code],
    enabled: code !== null,
    retry: false,
    queryFn: () => api.call(referralRoutes.ownerCode, { params: { code: code ?? '' } }),
  });

export const useLead = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OwnerReferralBody) => api.call(referralRoutes.ownerLead, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key, exact: true }),
  });
};

/** A code brought by a link before sign-in, kept for the page after it (the sign-in loses the address). */
const pendingKey = 'm4s-referral-code';
export const pendingCode = {
  get: (): string | null => sessionStorage.getItem(pendingKey),
  set: (code: string) => sessionStorage.setItem(pendingKey, code),
  clear: () => sessionStorage.removeItem(pendingKey),
};
