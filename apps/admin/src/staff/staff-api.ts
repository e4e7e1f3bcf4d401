import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { staffRoutes, type StaffCreateBody, type StaffUpdateBody } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export type StaffFilter = { storeId: string | null; q: string };

const staffKey = ['staff'] as const;

export const useStaffList = (filter: StaffFilter) =>
  useQuery({
    queryKey: [...staffKey, filter],
    queryFn: async () => {
      const query = { storeId: filter.storeId || undefined, q: filter.q.trim() || undefined };
      return (await api.call(staffRoutes.list, { query })).items;
    },
    placeholderData: (previous) => previous,
  });

export const useCreateStaff = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffCreateBody) => api.call(staffRoutes.create, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: staffKey }),
  });
};

export const useUpdateStaff = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StaffUpdateBody }) =>
      api.call(staffRoutes.update, { params: { id }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: staffKey }),
  });
};

/** Clears a member's sign-in lock and every address's wait. */
export const useUnlockStaff = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call(staffRoutes.unlock, { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: staffKey }),
  });
};

/** A temporary password for a member, answered this once. */
export const useResetStaffPassword = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call(staffRoutes.passwordReset, { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: staffKey }),
  });
};
