import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  storeRoutes,
  visitRoutes,
  type EstimateLineInput,
  type Visit,
  type VisitCheckInBody,
  type VisitDeliverBody,
  type VisitPhotoBody,
  type VisitStatus,
  type StaffLineDecisionBody,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const boardKey = ['visit-board'] as const;
export const visitKey = (id: string) => ['visit', id] as const;

/** The board is on a wall or in a pocket all day: the store's live stream refreshes it (live-events.ts). */
export const useBoard = (storeId: string | null) =>
  useQuery({
    queryKey: [...boardKey, storeId],
    queryFn: () => api.call(visitRoutes.board, { query: { storeId: storeId ?? undefined } }),
  });

export const useStores = () =>
  useQuery({
    queryKey: ['stores'],
    queryFn: async () => (await api.call(storeRoutes.list)).items.filter((s) => s.status === 'active'),
    staleTime: 5 * 60_000,
  });

/** The customer approves lines in the app while the advisor has the page open: the live stream refetches it. */
export const useVisit = (id: string) =>
  useQuery({
    queryKey: visitKey(id),
    queryFn: () => api.call(visitRoutes.get, { params: { id } }),
  });

/**
 * Check-in, then the walk-around photos one by one: a photo that fails to upload never loses the
 * check-in; the answer says how many failed.
 */
export const useCheckIn = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async ({ body, photos }: { body: VisitCheckInBody; photos: VisitPhotoBody[] }) => {
      const created = await api.call(visitRoutes.checkIn, { body });
      const params = { id: created.id };
      let failed = 0;
      for (const photo of photos) {
        await api.call(visitRoutes.addPhoto, { params, body: photo }).catch(() => (failed += 1));
      }
      const visit = photos.length ? await api.call(visitRoutes.get, { params }).catch(() => created) : created;
      return { visit, failed };
    },
    onSuccess: ({ visit }) => {
      client.setQueryData(visitKey(visit.id), visit);
      void client.invalidateQueries({ queryKey: boardKey });
    },
  });
};

/** Every write on a visit answers with the whole visit: the page shows the server's truth. */
const useVisitWrite = <B>(visitId: string, send: (body: B) => Promise<Visit>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (visit) => {
      client.setQueryData(visitKey(visitId), visit);
      void client.invalidateQueries({ queryKey: boardKey });
    },
  });
};

export const useSaveEstimate = (visitId: string) =>
  useVisitWrite(visitId, (lines: EstimateLineInput[]) =>
    api.call(visitRoutes.saveEstimate, { params: { id: visitId }, body: { lines } }),
  );

export const useSendEstimate = (visitId: string) =>
  useVisitWrite(visitId, () => api.call(visitRoutes.sendEstimate, { params: { id: visitId } }));

export const useDecideLine = (visitId: string) =>
  useVisitWrite(visitId, ({ lineId, ...body }: StaffLineDecisionBody & { lineId: string }) =>
    api.call(visitRoutes.decideLine, { params: { id: visitId, lineId }, body }),
  );

export const useMoveStatus = (visitId: string) =>
  useVisitWrite(visitId, (status: VisitStatus) =>
    api.call(visitRoutes.changeStatus, { params: { id: visitId }, body: { status, note: null } }),
  );

export const useDeliver = (visitId: string) =>
  useVisitWrite(visitId, (body: VisitDeliverBody) => api.call(visitRoutes.deliver, { params: { id: visitId }, body }));
