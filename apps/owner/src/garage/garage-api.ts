import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { garageRoutes, type BindingRequest } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const garageKey = ['owner-garage'] as const;
const historyKey = (vehicleId: string) => ['owner-vehicle-history', vehicleId] as const;

/** 我的车辆: the confirmed cars and the requests the store has not confirmed. */
export const useGarage = () => useQuery({ queryKey: garageKey, queryFn: () => api.call(garageRoutes.ownerGarage) });

export const useVehicleHistory = (vehicleId: string) =>
  useQuery({
    queryKey: historyKey(vehicleId),
    queryFn: () => api.call(garageRoutes.vehicleHistory, { params: { vehicleId } }),
  });

export const useBindVehicle = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BindingRequest) => api.call(garageRoutes.bind, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: garageKey }),
  });
};

/** Withdraws a request, removes a refusal, or unlinks a confirmed car. */
export const useRemoveBinding = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (bindingId: string) => api.call(garageRoutes.unbind, { params: { bindingId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: garageKey }),
  });
};
