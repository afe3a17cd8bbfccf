import { MembershipRole as Role } from '../generated/prisma/enums.js';
import { builder } from './builder.js';

export const MembershipRole = builder.enumType(Role, { name: 'MembershipRole' });

export const Membership = builder.prismaNode('Membership', {
  id: { field: 'id' },
  nullable: true, // node(id) of something invisible is null, not an error
  fields: (t) => ({
    role: t.expose('role', { type: MembershipRole }),
    user: t.relation('user'),
    organization: t.relation('org'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

export const MembershipConnection = builder.connectionObject({ type: Membership, name: 'MembershipConnection' });

/** Newest first, id as tie-breaker (contract.graphql, "Connections"). */
export const newestFirst = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];
