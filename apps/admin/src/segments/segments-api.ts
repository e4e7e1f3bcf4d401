import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { segmentRoutes, type SegmentListDimension } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export type SegmentPick = { dimension: SegmentListDimension; value: string };

/** The overview; while a recomputation runs in the background (`pollUntil`, ms), it is read every 2 s. */
export const useSegmentOverview = (pollUntil = 0) =>
  useQuery({
    queryKey: ['segments', 'overview'],
    queryFn: () => api.call(segmentRoutes.overview),
    refetchInterval: () => (Date.now() < pollUntil ? 2000 : false),
  });

export const useSegmentCustomers = (pick: SegmentPick | null, page: number, pageSize: number) =>
  useQuery({
    queryKey: ['segments', 'customers', pick, page, pageSize],
    queryFn: () => {
      const { dimension, value } = pick as SegmentPick;
      return api.call(segmentRoutes.customers, { query: { dimension, value, page, pageSize } });
    },
    enabled: pick !== null,
    placeholderData: keepPreviousData,
  });

/** One customer's classes and why (the customer page); only for those who may read segments. */
export const useCustomerClasses = (customerId: string, enabled: boolean) =>
  useQuery({
    queryKey: ['segments', 'customer', customerId],
    queryFn: () => api.call(segmentRoutes.customerClasses, { params: { id: customerId } }),
    enabled,
  });

export const useRecompute = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.call(segmentRoutes.recompute),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['segments'] }),
  });
};
