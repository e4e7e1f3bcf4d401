import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { catalogueRoutes, importUnlistedRoutes, type NewModelInput, type NewSeriesInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const unlistedKey = (importId: string) => ['imports', 'unlisted', importId] as const;

/** An import's catalogue values that matched nothing (refreshed with the run: `version` is its rowsDone). */
export const useUnlisted = (importId: string, version: number) =>
  useQuery({
    queryKey: [...unlistedKey(importId), version],
    queryFn: async () => (await api.call(importUnlistedRoutes.list, { params: { id: importId } })).items,
  });

/** After an addition: the catalogue pickers (kept for the session) and every unlisted list read it again. */
const useCatalogueAddition = <V, R>(fn: (input: V) => Promise<R>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: ['catalogue'] });
      await client.invalidateQueries({ queryKey: ['imports', 'unlisted'] });
    },
  });
};

export const useAddSeries = () =>
  useCatalogueAddition((body: NewSeriesInput) => api.call(catalogueRoutes.addSeries, { body }));

export const useAddModel = () =>
  useCatalogueAddition((body: NewModelInput) => api.call(catalogueRoutes.addModel, { body }));
