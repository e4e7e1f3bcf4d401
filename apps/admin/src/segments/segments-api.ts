import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { SegmentCustomerPage, SegmentDimension, SegmentOverview } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export type SegmentPick = { dimension: SegmentDimension; value: string };

/** The overview; while a recomputation runs in the background (`pollUntil`, ms), it is read every 2 s. */
export const useSegmentOverview = (pollUntil = 0) =>
  useQuery({
    queryKey: ['segments', 'overview'],
    queryFn: () => api.get<SegmentOverview>('/api/segments/overview'),
    refetchInterval: () => (Date.now() < pollUntil ? 2000 : false),
  });

export const segmentQuery = (pick: SegmentPick, extra: Record<string, string> = {}) =>
  new URLSearchParams({ dimension: pick.dimension, value: pick.value, ...extra }).toString();

export const useSegmentCustomers = (pick: SegmentPick | null, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['segments', 'customers', pick, page, pageSize],
    queryFn: () =>
      api.get<SegmentCustomerPage>(
        `/api/segments/customers?${segmentQuery(pick as SegmentPick, { page: String(page), pageSize: String(pageSize) })}`,
      ),
    enabled: pick !== null,
    placeholderData: keepPreviousData,
  });

export const useRecompute = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<{ queued: true; asOf: string }>('/api/segments/recompute', {}),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['segments'] }),
  });
};
