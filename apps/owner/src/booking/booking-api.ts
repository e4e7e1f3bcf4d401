import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  bookingRoutes,
  type Booking,
  type BookingCancelInput,
  type BookingRescheduleInput,
  type OwnerBookingInput,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const bookingsKey = ['owner-bookings'] as const;
const bookingKey = (id: string) => ['owner-booking', id] as const;
export const availabilityKey = ['owner-availability'] as const;

export const useOwnerStores = () =>
  useQuery({
    queryKey: ['owner-stores'],
    queryFn: () => api.call(bookingRoutes.ownerStores),
    staleTime: 5 * 60_000,
  });

export const useServiceTypes = (storeId: string | null) =>
  useQuery({
    queryKey: ['owner-service-types', storeId],
    queryFn: () => api.call(bookingRoutes.ownerServiceTypes, { query: { storeId: storeId ?? undefined } }),
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
      return api.call(bookingRoutes.ownerAvailability, {
        params: { id: storeId },
        query: { days, serviceTypeId, advisorId: advisorId ?? undefined },
      });
    },
    enabled: params !== null,
    staleTime: 0,
  });

export const clashesKey = ['owner-booking-clashes'] as const;

/**
 * What a booking of this car would clash with (its open visit, its coming bookings): asked as soon as the
 * car is chosen, so the clash shows before the form is filled. `except`: the booking being rescheduled.
 */
export const useClashes = (vehicleId: string | null, except?: string) =>
  useQuery({
    queryKey: [...clashesKey, vehicleId, except ?? null],
    queryFn: () => api.call(bookingRoutes.ownerClashes, { params: { id: vehicleId ?? '' }, query: { except } }),
    enabled: vehicleId !== null,
    staleTime: 0,
  });

export const useBookings = () => useQuery({ queryKey: bookingsKey, queryFn: () => api.call(bookingRoutes.ownerList) });

export const useBooking = (id: string) =>
  useQuery({ queryKey: bookingKey(id), queryFn: () => api.call(bookingRoutes.ownerGet, { params: { id } }) });

/** Where 添加到日历 points: the server writes the VEVENT, with a reminder the day before. */
export const calendarUrl = (id: string) => api.href(bookingRoutes.ownerCalendar, { params: { id } });

/**
 * POST with the Idempotency-Key header: the same key on a retry returns the first booking (200) instead
 * of making a second one (201).
 */
const postBooking = (body: OwnerBookingInput, key: string): Promise<Booking> =>
  api.call(bookingRoutes.ownerCreate, { body, headers: { 'idempotency-key': key } });

const useRefresh = () => {
  const queryClient = useQueryClient();
  return (booking?: Booking) => {
    if (booking) queryClient.setQueryData(bookingKey(booking.id), booking);
    void queryClient.invalidateQueries({ queryKey: bookingsKey });
    void queryClient.invalidateQueries({ queryKey: availabilityKey });
    void queryClient.invalidateQueries({ queryKey: clashesKey });
  };
};

export const useCreateBooking = () => {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ body, key }: { body: OwnerBookingInput; key: string }) => postBooking(body, key),
    onSuccess: (booking) => refresh(booking),
  });
};

export const useRescheduleBooking = (id: string) => {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BookingRescheduleInput) => api.call(bookingRoutes.ownerReschedule, { params: { id }, body }),
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
    mutationFn: (body: BookingCancelInput) => api.call(bookingRoutes.ownerCancel, { params: { id }, body }),
    onSuccess: () => {
      refresh();
      void queryClient.invalidateQueries({ queryKey: bookingKey(id) });
    },
  });
};
