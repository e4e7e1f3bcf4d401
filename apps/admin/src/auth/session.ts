import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { authRoutes, type Permission, type StaffMe, type StaffSignInBody } from '@m4s/contracts';
import { ApiError, api, rememberCsrf } from '@m4s/web-kit';

export const meKey = ['auth', 'me'] as const;

const tenantStorageKey = 'm4s.admin.tenant';

/** The group code typed at the last sign-in in this browser, so people do not retype it daily. */
export const lastTenant = (): string => {
  try {
    return localStorage.getItem(tenantStorageKey) ?? 'demo';
  } catch {
    return 'demo';
  }
};

const isSignedOutError = (error: unknown) =>
  error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED');

/** Who is signed in; null when nobody is (a 401 is an answer here, not a failure). */
export const useMe = () =>
  useQuery({
    queryKey: meKey,
    queryFn: async (): Promise<StaffMe | null> => {
      try {
        return await api.call(authRoutes.staffMe);
      } catch (error) {
        if (isSignedOutError(error)) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });

/** The signed-in person; only for components rendered behind the sign-in gate. */
export const useSignedInMe = (): StaffMe => {
  const { data } = useMe();
  if (!data) throw new Error('useSignedInMe outside the signed-in layout');
  return data;
};

export const useCan = () => {
  const me = useSignedInMe();
  return (permission: Permission) => me.permissions.includes(permission);
};

export const useSignIn = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffSignInBody) => api.call(authRoutes.staffSignIn, { body }),
    onSuccess: (me, body) => {
      localStorage.setItem(tenantStorageKey, body.tenant);
      client.setQueryData(meKey, me);
    },
  });
};

export const useSignOut = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.call(authRoutes.staffSignOut),
    // Even if the server call fails the person asked to leave: drop everything we hold.
    onSettled: () => forgetSession(client),
  });
};

const forgetSession = (client: QueryClient) => {
  rememberCsrf(null);
  client.removeQueries({ predicate: (q) => q.queryKey[0] !== meKey[0] });
  client.setQueryData(meKey, null);
};

/** A session that expires mid-work sends the person back to the sign-in page instead of error boxes. */
export const watchForExpiredSession = (client: QueryClient) => {
  const onError = (error: unknown) => {
    if (isSignedOutError(error) && client.getQueryData(meKey)) forgetSession(client);
  };
  client.getQueryCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
  });
  client.getMutationCache().subscribe((event) => {
    if (event.type === 'updated' && event.action.type === 'error') onError(event.action.error);
  });
};
