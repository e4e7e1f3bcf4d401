import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { surveyRoutes, type SurveyAnswers } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const listKey = ['owner-surveys'] as const;
const surveyKey = (id: string) => ['owner-survey', id] as const;

/** The owner's invitations (newest first): the visit page links to the open one of its visit. */
export const useOwnerSurveys = () => useQuery({ queryKey: listKey, queryFn: () => api.call(surveyRoutes.ownerList) });

export const useOwnerSurvey = (id: string) =>
  useQuery({ queryKey: surveyKey(id), queryFn: () => api.call(surveyRoutes.ownerGet, { params: { id } }) });

export const useAnswerSurvey = (id: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (answers: SurveyAnswers) => api.call(surveyRoutes.ownerAnswer, { params: { id }, body: { answers } }),
    onSuccess: (data) => {
      client.setQueryData(surveyKey(id), data);
      void client.invalidateQueries({ queryKey: listKey });
      if (data.visitId) void client.invalidateQueries({ queryKey: ['owner-visit', data.visitId] });
    },
  });
};
