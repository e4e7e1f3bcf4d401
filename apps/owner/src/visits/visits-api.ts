import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { visitRoutes, type OwnerLineDecisionBody, type VisitRatingBody } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const visitsKey = ['owner-visits'] as const;
export const visitKey = (id: string) => ['owner-visit', id] as const;

/** The owner's visits, the current one first (services tab: 维修进度). */
export const useOwnerVisits = () => useQuery({ queryKey: visitsKey, queryFn: () => api.call(visitRoutes.ownerList) });

/** One visit; live events invalidate it, so the page follows the workshop without a reload. */
export const useOwnerVisit = (id: string) =>
  useQuery({ queryKey: visitKey(id), queryFn: () => api.call(visitRoutes.ownerGet, { params: { id } }) });

export const visitPhotoUrl = (visitId: string, photoId: string) =>
  api.href(visitRoutes.ownerPhoto, { params: { id: visitId, photoId } });

const useVisitRefresh = (id: string) => {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: visitKey(id) }),
      queryClient.invalidateQueries({ queryKey: visitsKey }),
    ]);
};

/** 同意 / 暂不需要 on one proposed line of the 估价单; `change` changes a decision (after a confirmation). */
export const useDecideLine = (visitId: string) => {
  const refresh = useVisitRefresh(visitId);
  return useMutation({
    mutationFn: ({ lineId, ...body }: { lineId: string } & OwnerLineDecisionBody) =>
      api.call(visitRoutes.ownerDecideLine, { params: { id: visitId, lineId }, body }),
    onSettled: refresh,
  });
};

export const useRateVisit = (visitId: string) => {
  const refresh = useVisitRefresh(visitId);
  return useMutation({
    mutationFn: (body: VisitRatingBody) => api.call(visitRoutes.ownerRate, { params: { id: visitId }, body }),
    onSettled: refresh,
  });
};
