// Writes the served schema to schema.graphql: the public API as served, the
// file frontend teams generate their types from (README, "Typed operations").
import { writeFileSync } from 'node:fs';
import { printServedSchema } from '../src/schema/index.js';

writeFileSync('schema.graphql', printServedSchema());
console.log('Wrote schema.graphql');
