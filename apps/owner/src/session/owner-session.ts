import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authRoutes, type OtpRequestBody, type OtpVerifyBody, type RouteResult } from '@m4s/contracts';
import { api, getMeOrNull, useSignOutMutation } from '@m4s/web-kit';
import { useTenant } from '../tenant/tenant-context.tsx';

export const ownerMeKey = ['owner-me'] as const;

const fetchMe = () => getMeOrNull(authRoutes.ownerMe);

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

export type OtpResponse = RouteResult<typeof authRoutes.ownerOtp>;

export const requestOtp = (body: OtpRequestBody) => api.call(authRoutes.ownerOtp, { body });

export const useOwnerSignIn = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OtpVerifyBody) => api.call(authRoutes.ownerSignIn, { body }),
    onSuccess: (me) => queryClient.setQueryData(ownerMeKey, me),
  });
};

export const useOwnerSignOut = () => useSignOutMutation(authRoutes.ownerSignOut, ownerMeKey);
