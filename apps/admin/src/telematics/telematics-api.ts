import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { telematicsRoutes as r, type TelematicsIntegrationInput, type TelematicsRules } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const telematicsKey = ['telematics-integrations'] as const;

export const useIntegrations = () =>
  useQuery({ queryKey: telematicsKey, queryFn: async () => (await api.call(r.integrations)).items });

const useIntegrationMutation = <I, O>(fn: (input: I) => Promise<O>) => {
  const client = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => client.invalidateQueries({ queryKey: telematicsKey }) });
};

export const useCreateIntegration = () =>
  useIntegrationMutation((body: TelematicsIntegrationInput) => api.call(r.createIntegration, { body }));

export const useRevokeIntegration = () =>
  useIntegrationMutation((id: string) => api.call(r.revokeIntegration, { params: { id } }));

const rulesKey = ['telematics-rules'] as const;

export const useRules = () => useQuery({ queryKey: rulesKey, queryFn: () => api.call(r.rules) });

export const useSaveRules = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: TelematicsRules) => api.call(r.putRules, { body }),
    onSuccess: (data) => client.setQueryData(rulesKey, data),
  });
};

/** The cars whose owner consented (each row keyed by its car). */
export const useSharedCars = () =>
  useQuery({
    queryKey: [...telematicsKey, 'cars'],
    queryFn: async () => (await api.call(r.cars)).items.map((c) => ({ ...c, id: c.vehicleId })),
  });
