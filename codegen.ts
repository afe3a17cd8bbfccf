// npm run codegen: prints the served schema to schema.graphql and generates typed
// documents for the operations the tests write with graphql(`...`).
import { writeFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { printServedSchema } from './src/schema/index.js';

const sdl = printServedSchema();
writeFileSync('schema.graphql', sdl);

await generate(
  {
    schema: sdl,
    documents: ['test/**/*.test.ts'],
    generates: {
      'test/generated/': {
        preset: 'client',
        presetConfig: { fragmentMasking: false },
        config: { scalars: { DateTime: 'string', ID: 'string' }, enumsAsTypes: true, useTypeImports: true },
      },
    },
    silent: true,
    ignoreNoDocuments: true,
    emitLegacyCommonJSImports: false,
  },
  true,
);
console.log('Wrote schema.graphql and test/generated/');
