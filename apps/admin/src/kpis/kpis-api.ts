import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  kpiRoutes,
  type KpiBreakdownQuery,
  type KpiDrillQuery,
  type KpiPlanBody,
  type KpiScopeQuery,
  type KpiTargetBody,
  type PlanStatus,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['kpis'] as const;

export const useKpiBoard = (query: KpiScopeQuery) =>
  useQuery({
    queryKey: [...key, 'board', query],
    queryFn: () => api.call(kpiRoutes.board, { query }),
    placeholderData: keepPreviousData,
  });

export const useKpiBreakdown = (kpi: string, query: KpiBreakdownQuery, enabled = true) =>
  useQuery({
    queryKey: [...key, 'breakdown', kpi, query],
    queryFn: () => api.call(kpiRoutes.breakdown, { params: { kpi }, query }),
    enabled,
  });

export const useKpiDrill = (kpi: string, query: KpiDrillQuery, enabled = true) =>
  useQuery({
    queryKey: [...key, 'drill', kpi, query],
    queryFn: () => api.call(kpiRoutes.drill, { params: { kpi }, query }),
    placeholderData: keepPreviousData,
    enabled,
  });

export const drillExportPath = (kpi: string, query: KpiScopeQuery) =>
  api.href(kpiRoutes.exportDrill, { params: { kpi }, query });

export const useKpiTargets = () =>
  useQuery({ queryKey: [...key, 'targets'], queryFn: async () => (await api.call(kpiRoutes.targets)).items });

export const useSetTarget = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: KpiTargetBody) => api.call(kpiRoutes.setTarget, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
};

export const useKpiPlans = () =>
  useQuery({
    queryKey: [...key, 'plans'],
    queryFn: async () => (await api.call(kpiRoutes.plans, { query: {} })).items,
  });

export const useCreatePlan = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: KpiPlanBody) => api.call(kpiRoutes.createPlan, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
};

export const useUpdatePlan = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: PlanStatus }) =>
      api.call(kpiRoutes.updatePlan, { params: { id }, body: { status } }),
    onSuccess: () => void client.invalidateQueries({ queryKey: key }),
  });
};
