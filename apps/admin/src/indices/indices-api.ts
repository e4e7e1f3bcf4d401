import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { indexRoutes, type FactorSetInput, type FiguresQuery, type KpiQuery } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const useFigures = (query: FiguresQuery) =>
  useQuery({
    queryKey: ['indices', 'figures', query],
    queryFn: () => api.call(indexRoutes.figures, { query }),
    placeholderData: keepPreviousData,
  });

export const useKpis = (query: KpiQuery) =>
  useQuery({
    queryKey: ['indices', 'kpis', query],
    queryFn: () => api.call(indexRoutes.kpis, { query }),
    placeholderData: keepPreviousData,
  });

export const kpiExportPath = (query: KpiQuery) => api.href(indexRoutes.exportKpis, { query });

export const useFactorSets = () =>
  useQuery({ queryKey: ['indices', 'factor-sets'], queryFn: () => api.call(indexRoutes.factorSets) });

/** A new version; the figures are read again with it. */
export const useSaveFactorSet = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: FactorSetInput) => api.call(indexRoutes.saveFactorSet, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['indices'] }),
  });
};
