import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { contactRoutes, type OwnerContactPreferences } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const key = ['owner-contact'] as const;

/** 消息设置: the owner's choices and the recent touches (received, deferred, held back and why). */
export const useOwnerContact = () => useQuery({ queryKey: key, queryFn: () => api.call(contactRoutes.ownerTouches) });

export const useSaveOwnerContact = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: OwnerContactPreferences) => api.call(contactRoutes.ownerPreferences, { body }),
    onSuccess: (data) => queryClient.setQueryData(key, data),
  });
};
