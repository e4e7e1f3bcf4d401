import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { garageRoutes, type BindingDecision, type BindingStatus } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const bindingsKey = ['vehicle-bindings'] as const;

export const useBindings = (status: BindingStatus) =>
  useQuery({
    queryKey: [...bindingsKey, status],
    queryFn: async () => (await api.call(garageRoutes.bindings, { query: { status } })).items,
  });

export const useDecideBinding = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: BindingDecision & { id: string }) =>
      api.call(garageRoutes.decideBinding, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bindingsKey }),
  });
};
