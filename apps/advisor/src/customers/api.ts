import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  customerRoutes,
  historyRoutes,
  staffRoutes,
  vehicleRoutes,
  type CustomerInput,
  type MileageInput,
  type VehicleInput,
  type interactionInput,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import type { z } from 'zod';

const customersKey = ['customers'] as const;
const overviewKey = (id: string) => [...customersKey, id, 'overview'] as const;

/** Only digits, fewer than four: the server would look for a name, which is never what was meant. */
export const tooFewDigits = (q: string) => /^\d{1,3}$/.test(q.trim());

export const useCustomerSearch = (q: string) =>
  useQuery({
    queryKey: [...customersKey, 'search', q.trim()],
    queryFn: async () => (await api.call(customerRoutes.search, { query: { q: q.trim(), limit: 30 } })).items,
    enabled: q.trim().length > 0 && !tooFewDigits(q),
    placeholderData: keepPreviousData,
  });

export const useOverview = (id: string) =>
  useQuery({ queryKey: overviewKey(id), queryFn: () => api.call(historyRoutes.overview, { params: { id } }) });

/** Colleagues' names for the timeline; a colleague outside this advisor's view reads as a dash. */
export const useStaffNames = () =>
  useQuery({
    queryKey: ['staff', 'names'],
    queryFn: async () => (await api.call(staffRoutes.list)).items,
    staleTime: 5 * 60_000,
    select: (items) => new Map(items.map((s) => [s.id, s.name])),
  });

export const useCreateCustomer = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerInput) => api.call(customerRoutes.create, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: customersKey }),
  });
};

export const useAddInteraction = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof interactionInput>) =>
      api.call(historyRoutes.addInteraction, { params: { id: customerId }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: overviewKey(customerId) }),
  });
};

export const useRecordMileage = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ vehicleId, input }: { vehicleId: string; input: MileageInput }) =>
      api.call(vehicleRoutes.recordMileage, { params: { id: vehicleId }, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: overviewKey(customerId) }),
  });
};

/** A walk-in's car registered at the desk (VIN and plate), owned by the customer. */
export const useCreateVehicle = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: VehicleInput) => api.call(vehicleRoutes.create, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: overviewKey(customerId) }),
  });
};
