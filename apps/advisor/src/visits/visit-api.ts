import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  EstimateLineInput,
  Store,
  Visit,
  VisitBoard,
  VisitCheckInBody,
  VisitDeliverBody,
  VisitPhotoBody,
  VisitStatus,
  StaffLineDecisionBody,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const boardKey = ['visit-board'] as const;
const visitKey = (id: string) => ['visit', id] as const;

/** The board is on a wall or in a pocket all day: it refreshes itself every 15 seconds. */
export const useBoard = (storeId: string | null) =>
  useQuery({
    queryKey: [...boardKey, storeId],
    queryFn: () => api.get<VisitBoard>(`/api/visits/board${storeId ? `?storeId=${storeId}` : ''}`),
    refetchInterval: 15_000,
    refetchIntervalInBackground: false,
  });

export const useStores = () =>
  useQuery({
    queryKey: ['stores'],
    queryFn: async () => (await api.get<{ items: Store[] }>('/api/stores')).items.filter((s) => s.status === 'active'),
    staleTime: 5 * 60_000,
  });

/** Refreshed every 15 s as well: the customer approves lines in the app while the advisor has the page open. */
export const useVisit = (id: string) =>
  useQuery({
    queryKey: visitKey(id),
    queryFn: () => api.get<Visit>(`/api/visits/${id}`),
    refetchInterval: 15_000,
  });

/**
 * Check-in, then the walk-around photos one by one: a photo that fails to upload never loses the
 * check-in; the answer says how many failed.
 */
export const useCheckIn = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, photos }: { body: VisitCheckInBody; photos: VisitPhotoBody[] }) => {
      const created = await api.post<Visit>('/api/visits', body);
      let failed = 0;
      for (const photo of photos) {
        await api.post<{ id: string }>(`/api/visits/${created.id}/photos`, photo).catch(() => (failed += 1));
      }
      const visit = photos.length ? await api.get<Visit>(`/api/visits/${created.id}`).catch(() => created) : created;
      return { visit, failed };
    },
    onSuccess: ({ visit }) => {
      client.setQueryData(visitKey(visit.id), visit);
      void client.invalidateQueries({ queryKey: boardKey });
    },
  });
};

/** Every write on a visit answers with, or is followed by, the whole visit: the page shows the server's truth. */
const useVisitWrite = <B>(visitId: string, send: (body: B) => Promise<unknown>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (body: B) => {
      const answer = await send(body);
      // Writes that return the visit save a round trip; the others are followed by a fresh read.
      return answer && typeof answer === 'object' && 'lines' in answer
        ? (answer as Visit)
        : await api.get<Visit>(`/api/visits/${visitId}`);
    },
    onSuccess: (visit) => {
      client.setQueryData(visitKey(visitId), visit);
      void client.invalidateQueries({ queryKey: boardKey });
    },
  });
};

export const useSaveEstimate = (visitId: string) =>
  useVisitWrite(visitId, (lines: EstimateLineInput[]) => api.put(`/api/visits/${visitId}/estimate`, { lines }));

export const useSendEstimate = (visitId: string) =>
  useVisitWrite(visitId, () => api.post(`/api/visits/${visitId}/estimate/send`));

export const useDecideLine = (visitId: string) =>
  useVisitWrite(visitId, ({ lineId, ...body }: StaffLineDecisionBody & { lineId: string }) =>
    api.post(`/api/visits/${visitId}/lines/${lineId}/decision`, body),
  );

export const useMoveStatus = (visitId: string) =>
  useVisitWrite(visitId, (status: VisitStatus) => api.post(`/api/visits/${visitId}/status`, { status, note: null }));

export const useDeliver = (visitId: string) =>
  useVisitWrite(visitId, (body: VisitDeliverBody) => api.post(`/api/visits/${visitId}/deliver`, body));
