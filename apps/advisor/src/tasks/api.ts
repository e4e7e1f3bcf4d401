import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { careRoutes, roleGrants, staffRoutes, type RouteInput } from '@m4s/contracts';
import { api } from '@m4s/web-kit';

export const tasksKey = ['care-tasks'] as const;
export type TaskScope = 'mine' | 'store';

/** Open tasks, oldest due first (overdue, then today's, then later) — the server's order. */
export const useTasks = (scope: TaskScope) =>
  useQuery({
    queryKey: [...tasksKey, scope],
    queryFn: async () => (await api.call(careRoutes.tasks, { query: { scope, status: 'open' } })).items,
  });

type BodyOf<D extends (typeof careRoutes)[keyof typeof careRoutes]> = RouteInput<D>['body'];

export type TaskAction =
  | { id: string; action: 'done'; body: BodyOf<typeof careRoutes.completeTask> }
  | { id: string; action: 'snooze'; body: BodyOf<typeof careRoutes.snoozeTask> }
  | { id: string; action: 'reassign'; body: BodyOf<typeof careRoutes.reassignTask> };

const sendAction = (a: TaskAction) => {
  const params = { id: a.id };
  switch (a.action) {
    case 'done':
      return api.call(careRoutes.completeTask, { params, body: a.body });
    case 'snooze':
      return api.call(careRoutes.snoozeTask, { params, body: a.body });
    case 'reassign':
      return api.call(careRoutes.reassignTask, { params, body: a.body });
  }
};

export const useTaskAction = () => {
  const client = useQueryClient();
  return useMutation({
    mutationFn: sendAction,
    onSuccess: () => client.invalidateQueries({ queryKey: tasksKey }),
  });
};

/** Colleagues a task can go to: active, in the task's store, in a role that works care tasks. */
export const useColleagues = (storeId: string | null) =>
  useQuery({
    queryKey: ['staff', 'care-tasks', storeId],
    queryFn: async () => (await api.call(staffRoutes.list, { query: { storeId: storeId || undefined } })).items,
    select: (items) =>
      items.filter((s) => s.status === 'active' && roleGrants[s.role].permissions.includes('care.tasks')),
    staleTime: 5 * 60_000,
  });
