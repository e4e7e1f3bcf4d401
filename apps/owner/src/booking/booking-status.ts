import type { BookingStatus } from '@m4s/contracts';

/** Tag colours: waiting is the brand's, done is green, dropped is grey or red. */
export const statusColor: Record<BookingStatus, string> = {
  booked: 'primary',
  arrived: 'warning',
  completed: 'success',
  cancelled: 'default',
  no_show: 'danger',
};
