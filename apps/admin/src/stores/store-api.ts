import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { storeRoutes, type StoreInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const storesKey = ['stores'] as const;

export const useStores = () =>
  useQuery({
    queryKey: storesKey,
    queryFn: async () => (await api.call(storeRoutes.list)).items,
  });

/** Creates when there is no id, replaces the store's fields otherwise. */
export const useSaveStore = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: StoreInput }) =>
      id
        ? api.call(storeRoutes.update, { params: { id }, body: input })
        : api.call(storeRoutes.create, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: storesKey }),
  });
};
