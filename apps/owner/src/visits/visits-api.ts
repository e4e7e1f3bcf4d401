import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { OwnerLineDecisionBody, OwnerVisitDetail, OwnerVisitSummary, VisitRatingBody } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const visitsKey = ['owner-visits'] as const;
export const visitKey = (id: string) => ['owner-visit', id] as const;
const enc = encodeURIComponent;

/** The owner's visits, the current one first (services tab: 维修进度). */
export const useOwnerVisits = () =>
  useQuery({ queryKey: visitsKey, queryFn: () => api.get<{ items: OwnerVisitSummary[] }>('/api/owner/visits') });

/** One visit; live events invalidate it, so the page follows the workshop without a reload. */
export const useOwnerVisit = (id: string) =>
  useQuery({ queryKey: visitKey(id), queryFn: () => api.get<OwnerVisitDetail>(`/api/owner/visits/${enc(id)}`) });

export const visitPhotoUrl = (visitId: string, photoId: string) =>
  `/api/owner/visits/${enc(visitId)}/photos/${enc(photoId)}`;

const useVisitRefresh = (id: string) => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: visitKey(id) }),
      queryClient.invalidateQueries({ queryKey: visitsKey }),
    ]);
};

/** 同意 / 暂不需要 on one proposed line of the 估价单. */
export const useDecideLine = (visitId: string) => {
  const refresh = useVisitRefresh(visitId);
  return useMutation({
    mutationFn: ({ lineId, decision }: { lineId: string } & OwnerLineDecisionBody) =>
      api.post<unknown>(`/api/owner/visits/${enc(visitId)}/lines/${enc(lineId)}/decision`, { decision }),
    onSettled: refresh,
  });
};

export const useRateVisit = (visitId: string) => {
  const refresh = useVisitRefresh(visitId);
  return useMutation({
    mutationFn: (body: VisitRatingBody) => api.post<unknown>(`/api/owner/visits/${enc(visitId)}/rating`, body),
    onSettled: refresh,
  });
};
