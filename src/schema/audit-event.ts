import type { Context } from '../context.js';
import { encodeGlobalID } from '../lib/global-id.js';
import { builder, newestFirst, pageLimits } from './builder.js';
import { Organization } from './organization.js';
import { visibleUserWhere } from './user.js';

/** Node types an audit event's target can be, so targetId is a usable global id. */
const NODE_TARGETS = new Set(['Organization', 'Membership', 'Invitation', 'Project', 'Task', 'ApiKey']);

export const AuditEvent = builder.prismaNode('AuditEvent', {
  id: { field: 'id' },
  authScopes: (e) => ({ activeOrgAdmin: e.orgId }),
  nullable: true,
  fields: (t) => ({
    action: t.exposeString('action', {
      description: 'Dotted action name, e.g. invitation.accepted, membership.role_changed, api_key.revoked.',
    }),
    actor: t.prismaField({
      type: 'User',
      nullable: true,
      resolve: (query, event, _args, ctx: Context) =>
        event.actorId ? ctx.db.client.user.findUnique({ ...query, where: visibleUserWhere(event.actorId, ctx) }) : null,
    }),
    apiKey: t.relation('apiKey', { nullable: true }),
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

const AuditEventConnection = builder.connectionObject({ type: AuditEvent, name: 'AuditEventConnection' });

builder.prismaObjectField(Organization, 'auditEvents', (t) =>
  t.relatedConnection(
    'auditEvents',
    {
      cursor: 'id',
      ...pageLimits,
      totalCount: true,
      nullable: true,
      description: 'Admins only, newest first.',
      authScopes: (org) => ({ activeOrgAdmin: org.id }),
      query: () => ({ orderBy: newestFirst }),
    },
    AuditEventConnection,
  ),
);
