import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CarBrand, CarModel, CarSeries, MileageInput, Vehicle, VehicleInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { customersKey } from './customer-api.ts';

// The catalogue changes a few times a year: keep it for the session.
const catalogue = { staleTime: Infinity } as const;

export const useBrands = () =>
  useQuery({
    ...catalogue,
    queryKey: ['catalogue', 'brands'],
    queryFn: async () => (await api.get<{ items: CarBrand[] }>('/api/catalogue/brands')).items,
  });

export const useSeries = (brandId: string | null) =>
  useQuery({
    ...catalogue,
    queryKey: ['catalogue', 'series', brandId],
    queryFn: async () => (await api.get<{ items: CarSeries[] }>(`/api/catalogue/brands/${brandId ?? ''}/series`)).items,
    enabled: !!brandId,
  });

export const useModels = (seriesId: string | null) =>
  useQuery({
    ...catalogue,
    queryKey: ['catalogue', 'models', seriesId],
    queryFn: async () => (await api.get<{ items: CarModel[] }>(`/api/catalogue/series/${seriesId ?? ''}/models`)).items,
    enabled: !!seriesId,
  });

/** Every vehicle change shows on some customer's 360 page (a transfer on two): refresh them all. */
const useVehicleMutation = <V>(fn: (vars: V) => Promise<Vehicle>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: customersKey }),
  });
};

export const useSaveVehicle = () =>
  useVehicleMutation(({ id, input }: { id: string | null; input: VehicleInput }) =>
    id ? api.put<Vehicle>(`/api/vehicles/${id}`, input) : api.post<Vehicle>('/api/vehicles', input),
  );

export const useRecordMileage = () =>
  useVehicleMutation(({ id, input }: { id: string; input: MileageInput }) =>
    api.post<Vehicle>(`/api/vehicles/${id}/mileage`, input),
  );

export const useTransferVehicle = () =>
  useVehicleMutation(({ id, customerId, date }: { id: string; customerId: string; date: string }) =>
    api.post<Vehicle>(`/api/vehicles/${id}/transfer`, { customerId, date }),
  );
