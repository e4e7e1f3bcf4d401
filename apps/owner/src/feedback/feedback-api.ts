import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { complaintRoutes as r, type OwnerComplaintInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const listKey = ['owner-feedback'] as const;
const caseKey = (id: string) => ['owner-feedback', id] as const;

export const useOwnerCases = () =>
  useQuery({ queryKey: listKey, queryFn: async () => (await api.call(r.ownerList)).items });

export const useOwnerCase = (id: string) =>
  useQuery({ queryKey: caseKey(id), queryFn: () => api.call(r.ownerGet, { params: { id } }) });

export const useFileCase = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: OwnerComplaintInput) => api.call(r.ownerFile, { body }),
    onSuccess: (data) => {
      client.setQueryData(caseKey(data.id), data);
      void client.invalidateQueries({ queryKey: listKey });
    },
  });
};

export const useAddInfo = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { text: string; photos: string[] }) => api.call(r.ownerInfo, { params: { id }, body }),
    onSuccess: (data) => client.setQueryData(caseKey(id), data),
  });
};

export const useAnswerFollowUp = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { satisfied: boolean; note: string }) => api.call(r.ownerFollowUp, { params: { id }, body }),
    onSuccess: (data) => {
      client.setQueryData(caseKey(id), data);
      void client.invalidateQueries({ queryKey: listKey });
    },
  });
};

export const photoHref = (id: string, photoId: string) => api.href(r.ownerPhoto, { params: { id, photoId } });
