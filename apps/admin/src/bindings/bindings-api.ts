import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BindingDecision, BindingStatus, StaffBinding } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const bindingsKey = ['vehicle-bindings'] as const;

export const useBindings = (status: BindingStatus) =>
  useQuery({
    queryKey: [...bindingsKey, status],
    queryFn: async () => (await api.get<{ items: StaffBinding[] }>(`/api/vehicle-bindings?status=${status}`)).items,
  });

export const useDecideBinding = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BindingDecision & { id: string }) =>
      api.post<StaffBinding>(`/api/vehicle-bindings/${id}/decision`, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bindingsKey }),
  });
};
