// The model-backed GraphQL types (schema/model.ts) as the loaders see them:
// which model a type shows, who may read a row of it, and its to-one
// relations, so a page of rows can load each relation for all of them at once.
import type { ModelName } from '../../tenancy/org-scope.js';
import type { TenantSession } from '../../tenancy/session.js';

/**
 * Who may read a row reached by id, once the walls let the caller see it at
 * all. A row of an org-owned model is seen only in the active organization;
 * a row seen but not allowed is FORBIDDEN (contract.graphql, "Errors").
 */
export type ReadRule<Row> = (session: TenantSession, row: Row) => boolean;

/** A to-one relation: the row of `type` whose id is in the column `via`. */
export interface ToOne {
  readonly type: string;
  readonly via: string;
  readonly nullable?: boolean;
  /** When it is shown at all (else null), e.g. only inside the row's org. */
  readonly when?: (session: TenantSession, row: Record<string, unknown>) => boolean;
  /**
   * The model's relation field to the same row, when a key guarantees both
   * walls show it wherever they show this row (a membership's user is a
   * member): a page then reads it in its own query instead of by id.
   */
  readonly joined?: string;
}

export interface ModelType {
  readonly name: string;
  readonly model: ModelName;
  readonly readable: ReadRule<never>;
  readonly relations: Readonly<Record<string, ToOne>>;
}

const modelTypes = new Map<string, ModelType>();

export function registerModelType(type: ModelType) {
  modelTypes.set(type.name, type);
}

/** Whether `name` is a model-backed node type (own properties only: "constructor" is not). */
export function isModelType(name: string): boolean {
  return modelTypes.has(name);
}

export function modelType(name: string): ModelType {
  const type = modelTypes.get(name);
  if (!type) throw new Error(`${name} is not a model type`);
  return type;
}
