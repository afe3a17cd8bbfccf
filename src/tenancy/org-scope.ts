// The application wall (design.md, tenancy 1): a Prisma client extension bound
// to one request's tenant binding. It mirrors the database wall's policies,
// table by table, so that each is sufficient alone:
//  - org-owned models (those with an `orgId` field; no list to maintain): the
//    bound organization is added to every read, update and delete and set on
//    every create; `orgId` never changes; without a bound org, reads see
//    nothing and writes throw;
//  - users: the caller themselves, and members of the bound organization;
//    writes only to the caller's own row;
//  - organizations (the registry): the bound one, the user's own, the ones
//    that invited the user's verified email; writes only to the bound one;
//  - idempotent requests: none (the request session keeps them itself).
// Any other model fails closed. The few cross-tenant operations do not go
// through this client (tenancy/cross-tenant.ts).
import { Prisma } from '../generated/prisma/client.js';

export const TENANT_ROLE = 'orgraph_tenant';

export type ModelName = Prisma.ModelName;

/** Model fields, from the generated client's scalar field enums. */
export function scalarFields(model: ModelName): readonly string[] {
  return Object.keys((Prisma as unknown as Record<string, object>)[`${model}ScalarFieldEnum`]!);
}

/** The org-owned models: those with an `orgId` field. */
export const ORG_OWNED_MODELS: readonly ModelName[] = Object.values(Prisma.ModelName).filter((model) =>
  scalarFields(model).includes('orgId'),
);
const orgOwnedModels: ReadonlySet<string> = new Set(ORG_OWNED_MODELS);

/** A model's delegate on a Prisma client: `taskLabel` for TaskLabel. */
export const delegateName = (model: ModelName) => `${model[0]!.toLowerCase()}${model.slice(1)}`;

export function isOrgOwned(model: string): boolean {
  return orgOwnedModels.has(model);
}

/** Who a request acts as and for which org: read by the extension at each query. */
export interface TenantBinding {
  readonly orgId: string | null;
  readonly userId: string | null;
  /** Only a verified email: invitations match only proven addresses. */
  readonly verifiedEmail: string | null;
}

export class TenancyViolation extends Error {}

type Args = Record<string, unknown>;
type Rule = (operation: string, args: Args, binding: TenantBinding) => Args | typeof NOTHING;

/** A read that can see no row: answered without a query. */
const NOTHING = Symbol('nothing visible');
const EMPTY_RESULT: Record<string, unknown> = { findUnique: null, findFirst: null, findMany: [], count: 0 };

const READS = new Set([
  'findUnique',
  'findUniqueOrThrow',
  'findFirst',
  'findFirstOrThrow',
  'findMany',
  'count',
  'aggregate',
  'groupBy',
]);
const UPDATES = new Set(['update', 'updateMany', 'updateManyAndReturn']);
const DELETES = new Set(['delete', 'deleteMany']);
const CREATES = new Set(['create', 'createMany', 'createManyAndReturn']);
const UNIQUE = new Set(['findUnique', 'findUniqueOrThrow', 'update', 'delete', 'upsert']);

/** `where` narrowed by `filter`: unique lookups keep their unique keys at the top level. */
function narrowed(operation: string, args: Args, filter: Args): Args {
  const where = args.where as Args | undefined;
  return {
    ...args,
    where: UNIQUE.has(operation) ? { ...where, AND: [...toArray(where?.AND), filter] } : { AND: [where ?? {}, filter] },
  };
}

function toArray(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function refuse(model: string, operation: string, why: string): never {
  throw new TenancyViolation(`${model}.${operation}: ${why}`);
}

function withOrg(data: unknown, orgId: string, model: string): Args {
  const record = data as Args;
  if (record.orgId !== undefined && record.orgId !== orgId)
    refuse(model, 'create', "orgId must be the request's organization");
  if (record.org !== undefined) refuse(model, 'create', 'set orgId, not the org relation');
  return { ...record, orgId };
}

function forbidOrgChange(data: unknown, model: string) {
  const record = (data ?? {}) as Args;
  if ('orgId' in record || 'org' in record) refuse(model, 'update', 'org_id is immutable');
}

const orgOwned =
  (model: string): Rule =>
  (operation, args, { orgId }) => {
    if (!orgId) {
      if (operation in EMPTY_RESULT) return NOTHING;
      refuse(model, operation, 'outside an organization scope');
    }
    if (CREATES.has(operation)) {
      const data = args.data;
      return {
        ...args,
        data: Array.isArray(data) ? data.map((d) => withOrg(d, orgId, model)) : withOrg(data, orgId, model),
      };
    }
    if (UPDATES.has(operation)) forbidOrgChange(args.data, model);
    if (operation === 'upsert') {
      forbidOrgChange(args.update, model);
      return narrowed(operation, { ...args, create: withOrg(args.create, orgId, model) }, { orgId });
    }
    return narrowed(operation, args, { orgId });
  };

const users: Rule = (operation, args, { orgId, userId }) => {
  if (READS.has(operation)) {
    const visible = [...(userId ? [{ id: userId }] : []), ...(orgId ? [{ memberships: { some: { orgId } } }] : [])];
    if (!visible.length) return NOTHING;
    return narrowed(operation, args, { OR: visible });
  }
  if (UPDATES.has(operation) && userId) return narrowed(operation, args, { id: userId });
  refuse('User', operation, 'a user row is written only by its own user, and made only when a request opens');
};

const organizations: Rule = (operation, args, { orgId, userId, verifiedEmail }) => {
  if (READS.has(operation)) {
    const visible = [
      ...(orgId ? [{ id: orgId }] : []),
      ...(userId ? [{ memberships: { some: { userId } } }] : []),
      ...(verifiedEmail ? [{ invitations: { some: { email: verifiedEmail } } }] : []),
    ];
    if (!visible.length) return NOTHING;
    return narrowed(operation, args, { OR: visible });
  }
  if ((UPDATES.has(operation) || DELETES.has(operation)) && orgId) return narrowed(operation, args, { id: orgId });
  refuse(
    'Organization',
    operation,
    'only the active organization is changed here; organizations are created cross-tenant',
  );
};

/** Idempotent requests are the session's own (tenancy/session.ts), never a resolver's. */
const sessionOnly: Rule = (operation) => refuse('IdempotentRequest', operation, 'kept by the request session only');

const RULES: Record<string, Rule> = {
  User: users,
  Organization: organizations,
  ...Object.fromEntries([...orgOwnedModels].map((model) => [model, orgOwned(model)])),
  IdempotentRequest: sessionOnly,
};

/** The org-scope extension, reading `binding()` at every query. */
export function orgScopeExtension(binding: () => TenantBinding) {
  return Prisma.defineExtension({
    name: 'orgScope',
    query: {
      $allModels: {
        $allOperations({ model, operation, args, query }) {
          const rule = RULES[model];
          if (!rule) refuse(model, operation, 'no tenancy rule for this model');
          const scoped = rule(operation, (args ?? {}) as Args, binding());
          return scoped === NOTHING ? Promise.resolve(EMPTY_RESULT[operation]) : query(scoped);
        },
      },
    },
  });
}
