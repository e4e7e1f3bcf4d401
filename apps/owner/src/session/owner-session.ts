import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OwnerMe, OtpRequestBody, OtpVerifyBody } from '@m4s/contracts';
import { api, getMeOrNull, useSignOutMutation } from '@m4s/web-kit';
import { useTenant } from '../tenant/tenant-context.tsx';

export const ownerMeKey = ['owner-me'] as const;

const fetchMe = () => getMeOrNull<OwnerMe>('/api/auth/owner/me');

/**
 * The signed-in owner of *this* dealer group. The session cookie is shared by every /o/<slug>/ on the
 * host, so a session of another group counts as signed out here.
 */
export const useOwnerSession = () => {
  const tenant = useTenant();
  const query = useQuery({ queryKey: ownerMeKey, queryFn: fetchMe, staleTime: Infinity });
  const me = query.data && query.data.tenant.slug === tenant.slug ? query.data : null;
  return { me, isPending: query.isPending, error: query.error, refetch: query.refetch };
};

export type OtpResponse = { sent: true; resendAfterSeconds: number };

export const requestOtp = (body: OtpRequestBody) => api.post<OtpResponse>('/api/auth/owner/otp', body);

export const useOwnerSignIn = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OtpVerifyBody) => api.post<OwnerMe>('/api/auth/owner/sign-in', body),
    onSuccess: (me) => queryClient.setQueryData(ownerMeKey, me),
  });
};

export const useOwnerSignOut = () => useSignOutMutation('/api/auth/owner/sign-out', ownerMeKey);
