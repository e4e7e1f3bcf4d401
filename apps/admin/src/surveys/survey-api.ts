import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  surveyRoutes as r,
  type DraftUpdate,
  type QuestionnaireCreate,
  type QuestionnaireDetail,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const listKey = ['questionnaires'] as const;
const detailKey = (id: string) => ['questionnaires', id] as const;

export const useQuestionnaires = () =>
  useQuery({ queryKey: listKey, queryFn: async () => (await api.call(r.list)).items });

export const useQuestionnaire = (id: string) =>
  useQuery({ queryKey: detailKey(id), queryFn: () => api.call(r.get, { params: { id } }) });

/** Every change answers the whole questionnaire: it replaces the cached one, and the list is refetched. */
const useChange = <I>(id: string, fn: (input: I) => Promise<QuestionnaireDetail>) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => {
      client.setQueryData(detailKey(id), data);
      void client.invalidateQueries({ queryKey: listKey, exact: true });
    },
  });
};

export const useOpenDraft = (id: string) => useChange(id, () => api.call(r.openDraft, { params: { id } }));
export const useSaveDraft = (id: string) =>
  useChange(id, (body: DraftUpdate) => api.call(r.saveDraft, { params: { id }, body }));
export const usePublish = (id: string) => useChange(id, () => api.call(r.publish, { params: { id } }));

export const useCreateQuestionnaire = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: QuestionnaireCreate) => api.call(r.create, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: listKey }),
  });
};
