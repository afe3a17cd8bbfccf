// npm run codegen: scripts/print-schema.ts writes schema.graphql, then this
// config generates typed documents for the operations the tests write with
// graphql(`...`). A frontend team's own config looks the same (README, "Typed operations").
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['test/**/*.test.ts'],
  generates: {
    'test/generated/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { scalars: { DateTime: 'string', ID: 'string' }, enumsAsTypes: true, useTypeImports: true },
    },
  },
  ignoreNoDocuments: true,
  emitLegacyCommonJSImports: false,
};

export default config;
