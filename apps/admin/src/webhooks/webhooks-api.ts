import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { webhookRoutes as r, type WebhookEndpointInput, type WebhookEndpointPatch } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const webhooksKey = ['webhooks'] as const;
const deliveriesKey = (endpointId: string) => [...webhooksKey, endpointId, 'deliveries'] as const;

export const useEndpoints = () =>
  useQuery({ queryKey: webhooksKey, queryFn: async () => (await api.call(r.list)).items });

/** Invalidates every webhook query once the mutation succeeds (lists, counts and logs move together). */
const useWebhookMutation = <I, O>(fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: webhooksKey }) });
};

export const useCreateEndpoint = () => useWebhookMutation((body: WebhookEndpointInput) => api.call(r.create, { body }));

export const useUpdateEndpoint = () =>
  useWebhookMutation(({ id, patch }: { id: string; patch: WebhookEndpointPatch }) =>
    api.call(r.update, { params: { id }, body: patch }),
  );

export const useDeleteEndpoint = () => useWebhookMutation((id: string) => api.call(r.remove, { params: { id } }));

export const useRotateSecret = () => useWebhookMutation((id: string) => api.call(r.rotateSecret, { params: { id } }));

/** The endpoint's delivery log, refreshed every few seconds while deliveries are still pending. */
export const useDeliveries = (endpointId: string | null) =>
  useQuery({
    queryKey: deliveriesKey(endpointId ?? ''),
    queryFn: async () =>
      (await api.call(r.deliveries, { params: { id: endpointId ?? '' }, query: { limit: 100 } })).items,
    enabled: endpointId !== null,
    refetchInterval: (q) => (q.state.data?.some((d) => d.status === 'pending') ? 3000 : false),
  });

export const useDelivery = (endpointId: string, deliveryId: string | null) =>
  useQuery({
    queryKey: [...deliveriesKey(endpointId), deliveryId],
    queryFn: () => api.call(r.delivery, { params: { id: endpointId, deliveryId: deliveryId ?? '' } }),
    enabled: deliveryId !== null,
  });

export const useReplay = () =>
  useWebhookMutation(({ endpointId, deliveryId }: { endpointId: string; deliveryId: string }) =>
    api.call(r.replay, { params: { id: endpointId, deliveryId } }),
  );
