import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { calendarRoutes, type BusinessHoursInput, type CalendarOverrideInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const calendarKey = (year: number) => ['tenant', 'calendar', year] as const;

export const useCalendar = (year: number) =>
  useQuery({ queryKey: calendarKey(year), queryFn: () => api.call(calendarRoutes.get, { query: { year } }) });

export const useSetDay = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: CalendarOverrideInput) => api.call(calendarRoutes.setDay, { body }),
    onSuccess: (year) => client.setQueryData(calendarKey(year.year), year),
  });
};

export const useRemoveDay = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (day: string) => api.call(calendarRoutes.removeDay, { params: { day } }),
    onSuccess: (year) => client.setQueryData(calendarKey(year.year), year),
  });
};

export const useSetHours = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: BusinessHoursInput) => api.call(calendarRoutes.setHours, { body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tenant', 'calendar'] }),
  });
};
