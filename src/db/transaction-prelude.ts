// A transaction prelude: statements that ride along with a transaction's BEGIN
// in the same round trip to the database. The request transaction uses it to
// switch to the tenant role, set the per-transaction settings and resolve the
// caller's organization before its first query, for the price of the BEGIN it
// pays anyway (design.md: pay the org setting once per request or less).
//
// The statements travel in the simple query protocol, so they carry no
// parameters: every value goes in through `sqlLiteral`.
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';

export interface TransactionPrelude {
  /** Statements to run right after BEGIN, in order. */
  readonly statements: readonly string[];
  /** The last statement's rows, once the transaction has begun. */
  rows?: Record<string, unknown>[];
}

/**
 * What a request carries through Prisma's internals. One AsyncLocalStorage for
 * all of it: every instance costs something on every promise, so the tenancy's
 * org scope (tenancy/scope.ts) keeps its slot here too.
 */
export interface RequestStore {
  readonly prelude?: TransactionPrelude;
  readonly orgScope?: unknown;
}

export const requestStore = new AsyncLocalStorage<RequestStore>();

/** Runs `fn` with `slots` added to the request's store. */
export function withRequestStore<T>(slots: RequestStore, fn: () => T): T {
  return requestStore.run({ ...requestStore.getStore(), ...slots }, fn);
}

/** Runs `fn`; the first transaction it begins starts with `prelude`. */
export function withTransactionPrelude<T>(prelude: TransactionPrelude, fn: () => Promise<T>): Promise<T> {
  return withRequestStore({ prelude }, fn);
}

/** The prelude waiting for this async context's BEGIN, taken at most once. */
export function takeTransactionPrelude(): TransactionPrelude | null {
  const prelude = requestStore.getStore()?.prelude;
  if (!prelude || prelude.rows) return null;
  prelude.rows = [];
  return prelude;
}

/** A quoted SQL literal (standard_conforming_strings, as PostgreSQL defaults to). */
export function sqlLiteral(value: string | null): string {
  return value === null ? 'NULL' : pg.escapeLiteral(value);
}
