import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ContactPreferences, CustomerInput, CustomerSummary, interactionInput } from '@m4s/contracts';
import { customerRoutes, historyRoutes } from '@m4s/contracts';
import { api } from '@m4s/web-kit';
import type { z } from 'zod';

export const customersKey = ['customers'] as const;
export const overviewKey = (id: string) => [...customersKey, id, 'overview'] as const;

/** The summary as the list shows it; `seasonal` is read when the server starts sending it. */
export type CustomerRow = CustomerSummary & { seasonal?: boolean };

/** Only digits, fewer than four: the server would look for a name, which is never what was meant. */
export const tooFewDigits = (q: string) => /^\d{1,3}$/.test(q.trim());

export const searchCustomers = async (q: string, limit = 50): Promise<CustomerRow[]> => {
  return (await api.call(customerRoutes.search, { query: { q: q.trim(), limit } })).items;
};

export const useCustomerSearch = (q: string) =>
  useQuery({
    queryKey: [...customersKey, 'search', q.trim()],
    queryFn: () => searchCustomers(q),
    enabled: q.trim().length > 0 && !tooFewDigits(q),
    placeholderData: keepPreviousData,
  });

export const useOverview = (id: string) =>
  useQuery({
    queryKey: overviewKey(id),
    queryFn: () => api.call(historyRoutes.overview, { params: { id } }),
  });

/** Creates when there is no id, replaces the customer's fields otherwise. */
export const useSaveCustomer = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: CustomerInput }) =>
      id
        ? api.call(customerRoutes.update, { params: { id }, body: input })
        : api.call(customerRoutes.create, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: customersKey }),
  });
};

export const useSavePreferences = (customerId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (prefs: ContactPreferences) =>
      api.call(customerRoutes.setContactPreferences, { params: { id: customerId }, body: prefs }),
    onSuccess: () => client.invalidateQueries({ queryKey: overviewKey(customerId) }),
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
