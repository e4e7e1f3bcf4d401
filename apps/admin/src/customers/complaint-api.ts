import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { complaintRoutes, type ComplaintInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { customersKey } from './customer-api.ts';

export const complaintsKey = (customerId: string) => [...customersKey, customerId, 'complaints'] as const;

export const useComplaints = (customerId: string) =>
  useQuery({
    queryKey: complaintsKey(customerId),
    queryFn: async () => (await api.call(complaintRoutes.list, { params: { id: customerId } })).items,
  });

export const useOpenComplaint = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintInput) => api.call(complaintRoutes.open, { params: { id: customerId }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: complaintsKey(customerId) }),
  });
};
