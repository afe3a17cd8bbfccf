import type { AuditRow, TenantSession } from '../tenancy/session.js';

export interface AuditTarget {
  action: string;
  targetType?: string;
  targetId?: string;
}

/** The audit row for what the session's caller did in `orgId`. */
export function auditEventData(session: TenantSession, orgId: string, event: AuditTarget): AuditRow {
  return {
    orgId,
    action: event.action,
    actorId: session.user?.id ?? null,
    apiKeyId: session.apiKey?.id ?? null,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
  };
}

/**
 * Records what the caller did, in the request's transaction (so it commits or
 * rolls back with the change itself), in the org bound to the session.
 */
export async function recordAuditEvent(session: TenantSession, orgId: string, event: AuditTarget) {
  await session.recordAudit(auditEventData(session, orgId, event));
}
