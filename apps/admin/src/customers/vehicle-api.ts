import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  catalogueRoutes,
  vehicleRoutes,
  type MileageFixInput,
  type MileageInput,
  type Vehicle,
  type VehicleInput,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { customersKey } from './customer-api.ts';

// The catalogue changes a few times a year: keep it for the session.
const catalogue = { staleTime: Infinity } as const;

export const useBrands = () =>
  useQuery({
    ...catalogue,
    queryKey: ['catalogue', 'brands'],
    queryFn: async () => (await api.call(catalogueRoutes.brands)).items,
  });

export const useSeries = (brandId: string | null) =>
  useQuery({
    ...catalogue,
    queryKey: ['catalogue', 'series', brandId],
    queryFn: async () => (await api.call(catalogueRoutes.series, { params: { brandId: brandId ?? '' } })).items,
    enabled: !!brandId,
  });

export const useModels = (seriesId: string | null) =>
  useQuery({
    ...catalogue,
    queryKey: ['catalogue', 'models', seriesId],
    queryFn: async () => (await api.call(catalogueRoutes.models, { params: { seriesId: seriesId ?? '' } })).items,
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
    id
      ? api.call(vehicleRoutes.update, { params: { id }, body: input })
      : api.call(vehicleRoutes.create, { body: input }),
  );

export const useRecordMileage = () =>
  useVehicleMutation(({ id, input }: { id: string; input: MileageInput }) =>
    api.call(vehicleRoutes.recordMileage, { params: { id }, body: input }),
  );

export const useTransferVehicle = () =>
  useVehicleMutation(({ id, customerId, date }: { id: string; customerId: string; date: string }) =>
    api.call(vehicleRoutes.transfer, { params: { id }, body: { customerId, date } }),
  );

export const useFixFlaggedMileage = () =>
  useVehicleMutation(
    ({
      id,
      kind,
      flagId,
      input,
    }: {
      id: string;
      kind: 'reading' | 'repair_order';
      flagId: string;
      input: Omit<MileageFixInput, 'kind'>;
    }) => api.call(vehicleRoutes.resolveFlaggedMileage, { params: { id, flagId }, body: { ...input, kind } }),
  );
