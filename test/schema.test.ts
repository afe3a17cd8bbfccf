// The printed schema is current, and the served schema stays a superset of the
// public contract (../shared/contract.graphql): nothing removed, renamed, retyped
// or made stricter.
import { existsSync, readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges } from 'graphql';
import { expect, test } from 'vitest';
import { printServedSchema, schema } from '../src/schema/index.js';

const contractPath = new URL('../../shared/contract.graphql', import.meta.url);

test('schema.graphql is current (run `npm run codegen`)', () => {
  expect(readFileSync(new URL('../schema.graphql', import.meta.url), 'utf8')).toBe(printServedSchema());
});

test.skipIf(!existsSync(contractPath))('the served schema is a superset of the contract', () => {
  const contract = buildSchema(readFileSync(contractPath, 'utf8'));
  expect(findBreakingChanges(contract, schema).map((b) => b.description)).toEqual([]);
});
