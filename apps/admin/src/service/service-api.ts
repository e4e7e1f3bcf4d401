import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdvisorLeaveDay,
  BookingRow,
  BookingSettings,
  BookingSettingsInput,
  BookingStats,
  Closure,
  ClosureInput,
  LeaveInput,
  ServiceType,
  ServiceTypeInput,
} from '@m4s/contracts';
import { api } from '@m4s/web-kit';

const typesKey = ['service-types'] as const;
const settingsKey = (storeId: string) => ['booking-settings', storeId] as const;
const closuresKey = (storeId: string) => ['closures', storeId] as const;
const leaveKey = (staffId: string) => ['advisor-leave', staffId] as const;

const query = (params: Record<string, string | null | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value) search.set(key, value);
  return search.size ? `?${search.toString()}` : '';
};

// ── 服务项目 ────────────────────────────────────────────────────────────────────────────────────────

export const useServiceTypes = () =>
  useQuery({
    queryKey: typesKey,
    queryFn: async () => (await api.get<{ items: ServiceType[] }>('/api/service-types')).items,
  });

export const useSaveServiceType = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | null; input: ServiceTypeInput }) =>
      id ? api.put<ServiceType>(`/api/service-types/${id}`, input) : api.post<ServiceType>('/api/service-types', input),
    onSuccess: () => client.invalidateQueries({ queryKey: typesKey }),
  });
};

// ── 预约设置 ────────────────────────────────────────────────────────────────────────────────────────

export const useBookingSettings = (storeId: string | null) =>
  useQuery({
    queryKey: settingsKey(storeId ?? ''),
    queryFn: () => api.get<BookingSettings>(`/api/stores/${storeId}/booking-settings`),
    enabled: storeId !== null,
  });

export const useSaveBookingSettings = (storeId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: BookingSettingsInput) =>
      api.put<BookingSettings>(`/api/stores/${storeId}/booking-settings`, input),
    onSuccess: (saved) => client.setQueryData(settingsKey(storeId), saved),
  });
};

export const useClosures = (storeId: string | null) =>
  useQuery({
    queryKey: closuresKey(storeId ?? ''),
    queryFn: async () => (await api.get<{ items: Closure[] }>(`/api/stores/${storeId}/closures`)).items,
    enabled: storeId !== null,
  });

export const useAddClosure = (storeId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ClosureInput) => api.post<Closure>(`/api/stores/${storeId}/closures`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: closuresKey(storeId) }),
  });
};

export const useDeleteClosure = (storeId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<unknown>(`/api/closures/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: closuresKey(storeId) }),
  });
};

export const useLeave = (staffId: string | null) =>
  useQuery({
    queryKey: leaveKey(staffId ?? ''),
    queryFn: async () => (await api.get<{ items: AdvisorLeaveDay[] }>(`/api/staff/${staffId}/leave`)).items,
    enabled: staffId !== null,
  });

export const useAddLeave = (staffId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: LeaveInput) => api.post<AdvisorLeaveDay>(`/api/staff/${staffId}/leave`, input),
    onSuccess: () => client.invalidateQueries({ queryKey: leaveKey(staffId) }),
  });
};

export const useDeleteLeave = (staffId: string) => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.del<unknown>(`/api/advisor-leave/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: leaveKey(staffId) }),
  });
};

// ── 预约日历 and 服务指标 ─────────────────────────────────────────────────────────────────────────────

export type StatsRange = { storeId: string | null; from: string; to: string };

export const useBookingStats = (range: StatsRange) =>
  useQuery({
    queryKey: ['booking-stats', range],
    queryFn: () => api.get<BookingStats>(`/api/booking-stats${query(range)}`),
    placeholderData: keepPreviousData,
  });

export const useDayBookings = (storeId: string | null, date: string | null) =>
  useQuery({
    queryKey: ['bookings', storeId, date],
    queryFn: async () => (await api.get<{ items: BookingRow[] }>(`/api/bookings${query({ storeId, date })}`)).items,
    enabled: date !== null,
  });
