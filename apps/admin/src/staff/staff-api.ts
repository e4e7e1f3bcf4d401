import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { StaffCreateBody, StaffMember, StaffUpdateBody } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export type StaffFilter = { storeId: string | null; q: string };

const staffKey = ['staff'] as const;

export const useStaffList = (filter: StaffFilter) =>
  useQuery({
    queryKey: [...staffKey, filter],
    queryFn: async () => {
      const params = new URLSearchParams();
      if (filter.storeId) params.set('storeId', filter.storeId);
      if (filter.q.trim()) params.set('q', filter.q.trim());
      const query = params.size ? `?${params.toString()}` : '';
      return (await api.get<{ items: StaffMember[] }>(`/api/staff${query}`)).items;
    },
    placeholderData: (previous) => previous,
  });

export const useCreateStaff = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: StaffCreateBody) => api.post<StaffMember>('/api/staff', body),
    onSuccess: () => client.invalidateQueries({ queryKey: staffKey }),
  });
};

export const useUpdateStaff = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StaffUpdateBody }) =>
      api.patch<StaffMember>(`/api/staff/${id}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: staffKey }),
  });
};
