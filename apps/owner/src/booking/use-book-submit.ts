import { useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { Booking, OwnerBookingInput } from '@m4s/contracts';
import { ApiError } from '@m4s/web-kit';
import { availabilityKey, useCreateBooking } from './booking-api.ts';

/** crypto.randomUUID needs a secure context; a dealer's app served over plain http on a LAN still books. */
const newKey = (): string => {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

type Handlers = { onBooked: (booking: Booking) => void; onRefused: (error: unknown) => void };

/**
 * One Idempotency-Key per booking attempt: kept across retries after a lost answer or a server error (the
 * booking may exist, and the same key returns it instead of booking twice); a new one only after a clear
 * refusal (4xx), when nothing was booked under the old key.
 */
export const useBookSubmit = () => {
  const create = useCreateBooking();
  const queryClient = useQueryClient();
  const key = useRef<string | null>(null);
  const submit = (body: OwnerBookingInput, { onBooked, onRefused }: Handlers) => {
    key.current ??= newKey();
    create.mutate(
      { body, key: key.current },
      {
        onSuccess: (booking) => {
          key.current = null;
          onBooked(booking);
        },
        onError: (error) => {
          if (error instanceof ApiError && error.status < 500) key.current = null;
          // Someone else may have taken the place: show what is free now.
          void queryClient.invalidateQueries({ queryKey: availabilityKey });
          onRefused(error);
        },
      },
    );
  };
  return { submit, isPending: create.isPending };
};
