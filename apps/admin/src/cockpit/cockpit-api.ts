import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  cockpitRoutes,
  type ScoreComponent,
  type ScoreWeights,
  type TodayFigureKey,
  type TodayQuery,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const useToday = (query: TodayQuery) =>
  useQuery({
    queryKey: ['cockpit', 'today', query],
    queryFn: () => api.call(cockpitRoutes.today, { query }),
    placeholderData: keepPreviousData,
  });

export const useTrend = (query: TodayQuery) =>
  useQuery({
    queryKey: ['cockpit', 'trend', query],
    queryFn: () => api.call(cockpitRoutes.trend, { query: { ...query, months: 12 } }),
    placeholderData: keepPreviousData,
  });

export const useTodayItems = (query: TodayQuery, figure: TodayFigureKey | null) =>
  useQuery({
    queryKey: ['cockpit', 'items', query, figure],
    queryFn: () => api.call(cockpitRoutes.todayItems, { query: { ...query, figure: figure! } }),
    enabled: figure !== null,
  });

export const useScorecards = (query: { storeId?: string; period?: string }) =>
  useQuery({
    queryKey: ['cockpit', 'scorecards', query],
    queryFn: () => api.call(cockpitRoutes.scorecards, { query }),
    placeholderData: keepPreviousData,
  });

export const useScoreItems = (staffId: string | null, period: string | undefined, component: ScoreComponent | null) =>
  useQuery({
    queryKey: ['cockpit', 'score-items', staffId, period, component],
    queryFn: () =>
      api.call(cockpitRoutes.scoreItems, { params: { staffId: staffId! }, query: { period, component: component! } }),
    enabled: staffId !== null && component !== null,
  });

export const useWeights = () =>
  useQuery({ queryKey: ['cockpit', 'weights'], queryFn: () => api.call(cockpitRoutes.weights) });

export const useSaveWeights = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ScoreWeights) => api.call(cockpitRoutes.saveWeights, { body }),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['cockpit'] }),
  });
};
