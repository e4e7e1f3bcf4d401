import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BindingRequest, OwnerBinding, OwnerGarage, OwnerVehicleHistory } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const garageKey = ['owner-garage'] as const;
const historyKey = (vehicleId: string) => ['owner-vehicle-history', vehicleId] as const;

/** 我的车辆: the confirmed cars and the requests the store has not confirmed. */
export const useGarage = () =>
  useQuery({ queryKey: garageKey, queryFn: () => api.get<OwnerGarage>('/api/owner/vehicles') });

export const useVehicleHistory = (vehicleId: string) =>
  useQuery({
    queryKey: historyKey(vehicleId),
    queryFn: () => api.get<OwnerVehicleHistory>(`/api/owner/vehicles/${encodeURIComponent(vehicleId)}/history`),
  });

export const useBindVehicle = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BindingRequest) => api.post<OwnerBinding>('/api/owner/vehicles/bind', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: garageKey }),
  });
};

/** Withdraws a request, removes a refusal, or unlinks a confirmed car. */
export const useRemoveBinding = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bindingId: string) => api.del<{ ok: true }>(`/api/owner/vehicles/${encodeURIComponent(bindingId)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: garageKey }),
  });
};
