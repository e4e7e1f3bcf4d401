import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { roleGrants, type CareTask, type StaffMember } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const tasksKey = ['care-tasks'] as const;
export type TaskScope = 'mine' | 'store';

/** Open tasks, oldest due first (overdue, then today's, then later) — the server's order. */
export const useTasks = (scope: TaskScope) =>
  useQuery({
    queryKey: [...tasksKey, scope],
    queryFn: async () => (await api.get<{ items: CareTask[] }>(`/api/care/tasks?scope=${scope}&status=open`)).items,
  });

export type TaskAction =
  | { id: string; action: 'done'; body: { outcome: string; mileageKm?: number } }
  | { id: string; action: 'snooze'; body: { until: string } }
  | { id: string; action: 'reassign'; body: { assigneeId: string } };

export const useTaskAction = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, action, body }: TaskAction) => api.post<CareTask>(`/api/care/tasks/${id}/${action}`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: tasksKey }),
  });
};

/** Colleagues a task can go to: active, in the task's store, in a role that works care tasks. */
export const useColleagues = (storeId: string | null) =>
  useQuery({
    queryKey: ['staff', 'care-tasks', storeId],
    queryFn: async () => {
      const params = storeId ? `?storeId=${storeId}` : '';
      return (await api.get<{ items: StaffMember[] }>(`/api/staff${params}`)).items;
    },
    select: (items) =>
      items.filter((s) => s.status === 'active' && roleGrants[s.role].permissions.includes('care.tasks')),
    staleTime: 5 * 60_000,
  });
