import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authRoutes, type StaffSignInBody } from '@m4s/contracts';
import { api, getMeOrNull, useSignOutMutation } from '@m4s/web-kit';

export const staffMeKey = ['staff-me'] as const;
const lastTenantKey = 'm4s.advisor.tenant';

const fetchMe = () => getMeOrNull(authRoutes.staffMe);

export const useStaffSession = () => {
  const query = useQuery({ queryKey: staffMeKey, queryFn: fetchMe, staleTime: Infinity });
  return { me: query.data ?? null, isPending: query.isPending, error: query.error, refetch: query.refetch };
};

/** Most advisors work for one group all their life: prefill the slug they used last. */
export const lastTenant = (): string => {
  try {
    return localStorage.getItem(lastTenantKey) ?? 'demo';
  } catch {
    return 'demo';
  }
};

export const useStaffSignIn = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffSignInBody) => api.call(authRoutes.staffSignIn, { body }),
    onSuccess: (me) => {
      try {
        localStorage.setItem(lastTenantKey, me.tenant.slug);
      } catch {
        // Private mode: the next sign-in is prefilled with the default instead.
      }
      queryClient.setQueryData(staffMeKey, me);
    },
  });
};

export const useStaffSignOut = () => useSignOutMutation(authRoutes.staffSignOut, staffMeKey);
