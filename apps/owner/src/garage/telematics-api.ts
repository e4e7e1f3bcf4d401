import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { telematicsRoutes as r } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = (vehicleId: string) => ['owner-telematics', vehicleId] as const;

/** The car's sharing: consent, what and with whom, the latest reading. */
export const useCarTelematics = (vehicleId: string) =>
  useQuery({ queryKey: key(vehicleId), queryFn: () => api.call(r.ownerCar, { params: { vehicleId } }) });

export const useConsent = (vehicleId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (give: boolean) => api.call(give ? r.giveConsent : r.revokeConsent, { params: { vehicleId } }),
    onSuccess: (data) => client.setQueryData(key(vehicleId), data),
  });
};
