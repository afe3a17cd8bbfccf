// Rows for tests, one factory per org-owned model (test/factories/<model>.ts):
// what a row needs beyond its org, from a counter and the org's other rows.
// The cross-tenant harness fills two organizations with every model's rows from
// them, so a model is covered the moment its factory exists.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { PrismaClient } from '../../src/generated/prisma/client.js';
import { delegateName, type ModelName } from '../../src/tenancy/org-scope.js';

export type Row = { id: string; orgId: string } & Record<string, unknown>;

export interface FactoryContext {
  orgId: string;
  /** Distinct for every row made: for unique values. */
  n: number;
  /** The org's one row of `model` that rows of other models point at (made on first use). */
  one(model: ModelName): Promise<Row>;
  /** The owner's client (no walls), for rows outside the org such as a member's user. */
  prisma: PrismaClient;
}

export interface Factory {
  model: ModelName;
  data(context: FactoryContext): Promise<Record<string, unknown>>;
}

export const defineFactory = (model: ModelName, data: Factory['data']): Factory => ({ model, data });

let loaded: Promise<Map<ModelName, Factory>> | null = null;

/** Every factory in test/factories, by model. */
export function factories(): Promise<Map<ModelName, Factory>> {
  loaded ??= (async () => {
    const dir = fileURLToPath(new URL('../factories/', import.meta.url));
    const modules = await Promise.all(
      readdirSync(dir)
        .filter((file) => file.endsWith('.ts'))
        .map((file) => import(new URL(`../factories/${file}`, import.meta.url).href)),
    );
    return new Map(modules.map((m: { default: Factory }) => [m.default.model, m.default]));
  })();
  return loaded;
}

let counter = 0;
const ones = new Map<string, Promise<Row>>();

/** `model`'s delegate on the owner's client, for tests that go through every model. */
export const delegateOf = (prisma: PrismaClient, model: ModelName) =>
  (prisma as unknown as Record<string, { create(args: object): Promise<Row>; findMany(args: object): Promise<Row[]> }>)[
    delegateName(model)
  ]!;

/** A new row of `model` in `orgId`, written with the owner's client. */
export async function build(prisma: PrismaClient, model: ModelName, orgId: string): Promise<Row> {
  const factory = (await factories()).get(model);
  if (!factory) throw new Error(`no factory for ${model}: add one in test/factories (docs/adding-a-model.md)`);
  const data = await factory.data({ orgId, n: ++counter, one: (m) => one(prisma, m, orgId), prisma });
  return delegateOf(prisma, model).create({ data: { orgId, ...data } });
}

/** The org's one row of `model` (see FactoryContext.one). */
export function one(prisma: PrismaClient, model: ModelName, orgId: string): Promise<Row> {
  const key = `${orgId}:${model}`;
  if (!ones.has(key)) ones.set(key, build(prisma, model, orgId));
  return ones.get(key)!;
}
