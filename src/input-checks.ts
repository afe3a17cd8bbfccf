// Checks of a whole operation before it executes, so that a refused request
// does no database work, each refusal a BAD_USER_INPUT naming the rule:
//  - how many rows one request may look up by id, across every node and nodes
//    field of its operation together (aliases and fragments included): priced
//    one by one, 20 aliased nodes(ids:) of 900 ids each stayed under the
//    complexity limit and still blocked the process;
//  - text PostgreSQL can't store (NUL, U+0000), in any argument or variable.
import {
  Kind,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { apiError } from './errors.js';

export const MAX_NODE_IDS = 100;

/** What an operation's root node/nodes fields ask for: ids written in it, and variables holding lists of them. */
interface NodeIdFields {
  literal: number;
  variables: string[];
}

/** Per parsed document (yoga caches them) and operation: walked once, not per request. */
const nodeIdFields = new WeakMap<DocumentNode, Map<string, NodeIdFields>>();

function nodeIdFieldsOf(document: DocumentNode, operationName: string | null | undefined): NodeIdFields {
  let byOperation = nodeIdFields.get(document);
  if (!byOperation) nodeIdFields.set(document, (byOperation = new Map()));
  const key = operationName ?? '';
  let found = byOperation.get(key);
  if (found) return found;
  found = { literal: 0, variables: [] };
  byOperation.set(key, found);
  const operation = document.definitions.find(
    (d) => d.kind === Kind.OPERATION_DEFINITION && (!operationName || d.name?.value === operationName),
  ) as OperationDefinitionNode | undefined;
  if (!operation) return found;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode) => {
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) walk(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          walk(fragment.selectionSet);
        }
      } else if (selection.name.value === 'node') found.literal += 1;
      else if (selection.name.value === 'nodes') {
        const arg = selection.arguments?.find((a) => a.name.value === 'ids')?.value;
        if (arg?.kind === Kind.LIST) found.literal += arg.values.length;
        else if (arg?.kind === Kind.VARIABLE) found.variables.push(arg.name.value);
      }
    }
  };
  walk(operation.selectionSet);
  return found;
}

/** The ids the operation's root node/nodes fields ask for, all together. */
export function nodeIdsAsked(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const fields = nodeIdFieldsOf(document, operationName);
  let ids = fields.literal;
  for (const name of fields.variables) {
    const value = variables?.[name];
    ids += Array.isArray(value) ? value.length : 1;
  }
  return ids;
}

/** Refuses, with BAD_USER_INPUT naming the limit, an operation asking for more than `max` ids. */
export function useNodeIdLimit(max = MAX_NODE_IDS): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const asked = nodeIdsAsked(args.document, args.operationName, args.variableValues);
      if (asked > max) {
        setResultAndStopExecution({
          errors: [
            apiError(
              'BAD_USER_INPUT',
              `At most ${max} ids in node and nodes fields together; this request asks for ${asked}.`,
              {
                wholeRequest: true,
              },
            ),
          ],
        });
      }
    },
  };
}

const NUL = '\u0000';

function hasNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes(NUL);
  if (Array.isArray(value)) return value.some(hasNul);
  if (value && typeof value === 'object') return Object.values(value).some(hasNul);
  return false;
}

/** Documents with a NUL in a string literal (parsed documents are cached, so each is visited once). */
const literalNul = new WeakMap<DocumentNode, boolean>();

/** Whether any string of the document or of its variables holds a NUL character. */
export function carriesNul(document: DocumentNode, variables: Record<string, unknown> | null | undefined): boolean {
  if (hasNul(variables)) return true;
  let found = literalNul.get(document);
  if (found === undefined) {
    found = false;
    visit(document, {
      StringValue(node) {
        if (node.value.includes(NUL)) found = true;
      },
    });
    literalNul.set(document, found);
  }
  return found;
}

/** Refuses text PostgreSQL can't store, wherever it is in the request. */
export function useStorableText(): Plugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (carriesNul(args.document, args.variableValues)) {
        setResultAndStopExecution({
          errors: [
            apiError('BAD_USER_INPUT', 'Text must not contain NUL (\\u0000) characters.', { wholeRequest: true }),
          ],
        });
      }
    },
  };
}
