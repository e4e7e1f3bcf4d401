import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Complaint, ComplaintClose, ComplaintInput, ComplaintList } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import { customersKey } from './customer-api.ts';

export const complaintsKey = (customerId: string) => [...customersKey, customerId, 'complaints'] as const;

export const useComplaints = (customerId: string) =>
  useQuery({
    queryKey: complaintsKey(customerId),
    queryFn: async () => (await api.get<ComplaintList>(`/api/customers/${customerId}/complaints`)).items,
  });

export const useOpenComplaint = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ComplaintInput) => api.post<Complaint>(`/api/customers/${customerId}/complaints`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: complaintsKey(customerId) }),
  });
};

export const useCloseComplaint = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ComplaintClose }) =>
      api.post<Complaint>(`/api/complaints/${id}/close`, body),
    // A 409 (closed meanwhile by someone else) refreshes the list as well.
    onSettled: () => client.invalidateQueries({ queryKey: complaintsKey(customerId) }),
  });
};
