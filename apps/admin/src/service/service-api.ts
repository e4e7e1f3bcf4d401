import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  bookingRoutes,
  type BookingSettingsInput,
  type ClosureInput,
  type LeaveInput,
  type ServiceTypeInput,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const typesKey = ['service-types'] as const;
const settingsKey = (storeId: string) => ['booking-settings', storeId] as const;
const closuresKey = (storeId: string) => ['closures', storeId] as const;
const leaveKey = (staffId: string) => ['advisor-leave', staffId] as const;

// ── 服务项目 ────────────────────────────────────────────────────────────────────────────────────────

export const useServiceTypes = () =>
  useQuery({
    queryKey: typesKey,
    queryFn: async () => (await api.call(bookingRoutes.serviceTypes)).items,
  });

export const useSaveServiceType = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ServiceTypeInput }) =>
      id
        ? api.call(bookingRoutes.updateServiceType, { params: { id }, body: input })
        : api.call(bookingRoutes.createServiceType, { body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: typesKey }),
  });
};

// ── 预约设置 ────────────────────────────────────────────────────────────────────────────────────────

export const useBookingSettings = (storeId: string | null) =>
  useQuery({
    queryKey: settingsKey(storeId ?? ''),
    queryFn: () => api.call(bookingRoutes.settings, { params: { id: storeId ?? '' } }),
    enabled: storeId !== null,
  });

export const useSaveBookingSettings = (storeId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BookingSettingsInput) =>
      api.call(bookingRoutes.putSettings, { params: { id: storeId }, body: input }),
    onSuccess: (saved) => client.setQueryData(settingsKey(storeId), saved),
  });
};

export const useClosures = (storeId: string | null) =>
  useQuery({
    queryKey: closuresKey(storeId ?? ''),
    queryFn: async () => (await api.call(bookingRoutes.closures, { params: { id: storeId ?? '' } })).items,
    enabled: storeId !== null,
  });

export const useAddClosure = (storeId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ClosureInput) => api.call(bookingRoutes.addClosure, { params: { id: storeId }, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: closuresKey(storeId) }),
  });
};

export const useDeleteClosure = (storeId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call(bookingRoutes.removeClosure, { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: closuresKey(storeId) }),
  });
};

export const useLeave = (staffId: string | null) =>
  useQuery({
    queryKey: leaveKey(staffId ?? ''),
    queryFn: async () => (await api.call(bookingRoutes.leave, { params: { id: staffId ?? '' } })).items,
    enabled: staffId !== null,
  });

export const useAddLeave = (staffId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LeaveInput) => api.call(bookingRoutes.addLeave, { params: { id: staffId }, body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: leaveKey(staffId) }),
  });
};

export const useDeleteLeave = (staffId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.call(bookingRoutes.removeLeave, { params: { id } }),
    onSuccess: () => client.invalidateQueries({ queryKey: leaveKey(staffId) }),
  });
};

// ── 预约日历 and 服务指标 ─────────────────────────────────────────────────────────────────────────────

export type StatsRange = { storeId: string | null; from: string; to: string };

export const useBookingStats = (range: StatsRange) =>
  useQuery({
    queryKey: ['booking-stats', range],
    queryFn: () =>
      api.call(bookingRoutes.stats, {
        query: { storeId: range.storeId ?? undefined, from: range.from || undefined, to: range.to || undefined },
      }),
    placeholderData: keepPreviousData,
  });

export const useDayBookings = (storeId: string | null, date: string | null) =>
  useQuery({
    queryKey: ['bookings', storeId, date],
    queryFn: async () =>
      (await api.call(bookingRoutes.list, { query: { storeId: storeId ?? undefined, date: date ?? undefined } })).items,
    enabled: date !== null,
  });
