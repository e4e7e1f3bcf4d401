import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { intervalRoutes, type ServiceIntervalInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['service-intervals'] as const;

export const useIntervals = () => useQuery({ queryKey: key, queryFn: () => api.call(intervalRoutes.list) });

export const useSaveInterval = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ServiceIntervalInput) => api.call(intervalRoutes.save, { body }),
    onSuccess: (list) => client.setQueryData(key, list),
  });
};

export const useRemoveInterval = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call(intervalRoutes.remove, { params: { id } }),
    onSuccess: (list) => client.setQueryData(key, list),
  });
};
