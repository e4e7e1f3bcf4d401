import { useQuery } from '@tanstack/react-query';
import { cockpitRoutes, type ScoreComponent } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const useMyScorecard = () =>
  useQuery({ queryKey: ['scorecard', 'mine'], queryFn: () => api.call(cockpitRoutes.myScorecard, { query: {} }) });

export const useMyScoreItems = (staffId: string | undefined, component: ScoreComponent | null) =>
  useQuery({
    queryKey: ['scorecard', 'items', staffId, component],
    queryFn: () =>
      api.call(cockpitRoutes.scoreItems, { params: { staffId: staffId! }, query: { component: component! } }),
    enabled: !!staffId && component !== null,
  });
