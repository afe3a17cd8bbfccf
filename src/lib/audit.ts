import type { Context } from '../context.js';

export interface AuditTarget {
  action: string;
  targetType?: string;
  targetId?: string;
}

/**
 * Records what the caller did, in the request's transaction (so it commits or
 * rolls back with the change itself), in the org in scope.
 */
export async function recordAuditEvent(ctx: Context, orgId: string, event: AuditTarget) {
  // createMany: no RETURNING, so writing an event never requires reading it back
  // (an invitee may record their answer, not read the org's trail).
  await ctx.db.client.auditEvent.createMany({
    data: {
      orgId,
      action: event.action,
      actorId: ctx.user?.id ?? null,
      apiKeyId: ctx.apiKey?.id ?? null,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
    },
  });
}
