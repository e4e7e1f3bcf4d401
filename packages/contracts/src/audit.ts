import { z } from 'zod';
import { uuid } from './common.ts';

export const auditEntry = z.object({
  id: uuid,
  at: z.string(),
  actorKind: z.enum(['staff', 'owner', 'system', 'anonymous']),
  actorId: uuid.nullable(),
  action: z.string(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntry>;
export const auditList = z.object({ items: z.array(auditEntry) });
export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(60).optional(),
});
