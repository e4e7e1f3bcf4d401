import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  Availability,
  Booking,
  BookingCancelInput,
  BookingRescheduleInput,
  OwnerBookingInput,
  OwnerMe,
  OwnerStore,
  ServiceType,
} from '@m4s/contracts';
import { api, errorOf, getLocale } from '@m4s/web-kit';
import { ownerMeKey } from '../session/owner-session.ts';

export const bookingsKey = ['owner-bookings'] as const;
const bookingKey = (id: string) => ['owner-booking', id] as const;
export const availabilityKey = ['owner-availability'] as const;
const enc = encodeURIComponent;

export const useOwnerStores = () =>
  useQuery({
    queryKey: ['owner-stores'],
    queryFn: () => api.get<{ items: OwnerStore[] }>('/api/owner/stores'),
    staleTime: 5 * 60_000,
  });

export const useServiceTypes = (storeId: string | null) =>
  useQuery({
    queryKey: ['owner-service-types', storeId],
    queryFn: () => api.get<{ items: ServiceType[] }>(`/api/owner/service-types?storeId=${enc(storeId ?? '')}`),
    enabled: storeId !== null,
    staleTime: 5 * 60_000,
  });

type AvailabilityParams = { storeId: string; serviceTypeId: string; advisorId: string | null; days?: number };

/** Free places per slot for the next two weeks; refetched after every refusal, since places go fast. */
export const useAvailability = (params: AvailabilityParams | null) =>
  useQuery({
    queryKey: [...availabilityKey, params],
    queryFn: () => {
      const { storeId, serviceTypeId, advisorId, days = 14 } = params!;
      const query = new URLSearchParams({ days: String(days), serviceTypeId });
      if (advisorId) query.set('advisorId', advisorId);
      return api.get<Availability>(`/api/owner/stores/${enc(storeId)}/availability?${query.toString()}`);
    },
    enabled: params !== null,
    staleTime: 0,
  });

export const useBookings = () =>
  useQuery({ queryKey: bookingsKey, queryFn: () => api.get<{ items: Booking[] }>('/api/owner/bookings') });

export const useBooking = (id: string) =>
  useQuery({ queryKey: bookingKey(id), queryFn: () => api.get<Booking>(`/api/owner/bookings/${enc(id)}`) });

/** Where 添加到日历 points: the server writes the VEVENT, with a reminder the day before. */
export const calendarUrl = (id: string) => `/api/owner/bookings/${enc(id)}/calendar.ics`;

/**
 * POST with the Idempotency-Key header, which web-kit's api.post cannot send: the same key on a retry
 * returns the first booking instead of making a second one.
 */
const postBooking = async (body: OwnerBookingInput, key: string, csrf: string | null): Promise<Booking> => {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': key,
    'accept-language': getLocale(),
  };
  if (csrf) headers['x-csrf-token'] = csrf;
  const res = await fetch('/api/owner/bookings', {
    method: 'POST',
    headers,
    credentials: 'same-origin',
    body: JSON.stringify(body),
  });
  if (!res.ok) throw await errorOf(res);
  return (await res.json()) as Booking;
};

const useRefresh = () => {
  const queryClient = useQueryClient();
  return (booking?: Booking) => {
    if (booking) queryClient.setQueryData(bookingKey(booking.id), booking);
    void queryClient.invalidateQueries({ queryKey: bookingsKey });
    void queryClient.invalidateQueries({ queryKey: availabilityKey });
  };
};

export const useCreateBooking = () => {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ body, key }: { body: OwnerBookingInput; key: string }) =>
      // The session's CSRF token, as web-kit remembered it from the same answer.
      postBooking(body, key, queryClient.getQueryData<OwnerMe>(ownerMeKey)?.csrfToken ?? null),
    onSuccess: (booking) => refresh(booking),
  });
};

export const useRescheduleBooking = (id: string) => {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BookingRescheduleInput) => api.post<Booking>(`/api/owner/bookings/${enc(id)}/reschedule`, body),
    // 改约 makes a new booking and closes this one: both change.
    onSuccess: (booking) => {
      refresh(booking);
      void queryClient.invalidateQueries({ queryKey: bookingKey(id) });
    },
  });
};

export const useCancelBooking = (id: string) => {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BookingCancelInput) => api.post<unknown>(`/api/owner/bookings/${enc(id)}/cancel`, body),
    onSuccess: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: bookingKey(id) });
    },
  });
};
