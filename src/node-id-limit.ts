// How many rows one request may look up by id, across every node and nodes
// field of its operation together (aliases and fragments included): priced
// one by one, 20 aliased nodes(ids:) of 900 ids each stayed under the
// complexity limit and still blocked the process. Counted before execution,
// so a refused request does no database work.
import { Kind, type DocumentNode, type FragmentDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { apiError } from './errors.js';

export const MAX_NODE_IDS = 100;

/** The ids the operation's root node/nodes fields ask for, all together. */
export function nodeIdsAsked(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): number {
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operations.find((o) => !operationName || o.name?.value === operationName);
  if (!operation) return 0;
  const fragments = new Map(
    document.definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((f) => [f.name.value, f]),
  );
  const seen = new Set<string>();
  const count = (set: SelectionSetNode): number => {
    let ids = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) ids += count(selection.selectionSet);
      else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) {
          seen.add(fragment.name.value);
          ids += count(fragment.selectionSet);
        }
      } else if (selection.name.value === 'node') ids += 1;
      else if (selection.name.value === 'nodes') {
        const arg = selection.arguments?.find((a) => a.name.value === 'ids')?.value;
        if (arg?.kind === Kind.LIST) ids += arg.values.length;
        else if (arg?.kind === Kind.VARIABLE) {
          const value = variables?.[arg.name.value];
          ids += Array.isArray(value) ? value.length : 1;
        }
      }
    }
    return ids;
  };
  return count(operation.selectionSet);
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
