import { encodeGlobalID } from '../lib/global-id.js';
import { builder } from './builder.js';
import { modelNode, orgAdminsOnly } from './model.js';
import { organizationConnection } from './organization.js';

/** Node types an audit event's target can be, so targetId is a usable global id. */
const NODE_TARGETS = new Set(['Organization', 'Membership', 'Invitation', 'Project', 'Task', 'ApiKey']);

export const AuditEvent = modelNode('AuditEvent', {
  model: 'AuditEvent',
  readable: orgAdminsOnly,
  columns: { targetId: ['targetId', 'targetType'] },
  relations: {
    actor: { type: 'User', via: 'actorId', nullable: true },
    apiKey: { type: 'ApiKey', via: 'apiKeyId', nullable: true },
  },
  fields: (t) => ({
    action: t.exposeString('action', {
      description: 'Dotted action name, e.g. invitation.accepted, membership.role_changed, api_key.revoked.',
    }),
    targetType: t.exposeString('targetType', { nullable: true }),
    targetId: t.id({
      nullable: true,
      resolve: (event) =>
        event.targetId && event.targetType && NODE_TARGETS.has(event.targetType)
          ? encodeGlobalID(event.targetType, event.targetId)
          : event.targetId,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const AuditEventConnection = builder.connectionObject({ type: AuditEvent, name: 'AuditEventConnection' });

organizationConnection('auditEvents', {
  type: AuditEventConnection,
  description: 'Admins only, newest first.',
  scope: 'activeOrgAdmin',
  pages: { typeName: 'AuditEvent', parent: 'Organization', relation: 'auditEvents' },
});
