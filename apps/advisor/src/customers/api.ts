import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Customer,
  CustomerInput,
  CustomerOverview,
  CustomerSummary,
  MileageInput,
  StaffMember,
  Vehicle,
  VehicleInput,
  interactionInput,
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
    queryFn: async () => {
      const params = new URLSearchParams({ q: q.trim(), limit: '30' });
      return (await api.get<{ items: CustomerSummary[] }>(`/api/customers?${params.toString()}`)).items;
    },
    enabled: q.trim().length > 0 && !tooFewDigits(q),
    placeholderData: keepPreviousData,
  });

export const useOverview = (id: string) =>
  useQuery({ queryKey: overviewKey(id), queryFn: () => api.get<CustomerOverview>(`/api/customers/${id}/overview`) });

/** Colleagues' names for the timeline; a colleague outside this advisor's view reads as a dash. */
export const useStaffNames = () =>
  useQuery({
    queryKey: ['staff', 'names'],
    queryFn: async () => (await api.get<{ items: StaffMember[] }>('/api/staff')).items,
    staleTime: 5 * 60_000,
    select: (items) => new Map(items.map((s) => [s.id, s.name])),
  });

export const useCreateCustomer = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: CustomerInput) => api.post<Customer>('/api/customers', input),
    onSuccess: () => client.invalidateQueries({ queryKey: customersKey }),
  });
};

export const useAddInteraction = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof interactionInput>) =>
      api.post<unknown>(`/api/customers/${customerId}/interactions`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: overviewKey(customerId) }),
  });
};

export const useRecordMileage = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ vehicleId, input }: { vehicleId: string; input: MileageInput }) =>
      api.post<Vehicle>(`/api/vehicles/${vehicleId}/mileage`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: overviewKey(customerId) }),
  });
};

/** A walk-in's car registered at the desk (VIN and plate), owned by the customer. */
export const useCreateVehicle = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: VehicleInput) => api.post<Vehicle>('/api/vehicles', input),
    onSuccess: () => client.invalidateQueries({ queryKey: overviewKey(customerId) }),
  });
};
