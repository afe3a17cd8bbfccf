// npm run build, and npm start before it runs the server: bundles the server
// (src/main.ts) with its JavaScript dependencies into dist/main.js, so that
// starting loads one file rather than resolving hundreds of modules (about
// 0.7 s of a 2.7 s start on two cores), and makes the embedded database's
// template (src/db/embedded-template.ts). Skipped when dist/ is newer than every
// source: a warm `npm start` spends a few milliseconds here.
// Kept external: the packages that load their own WebAssembly or native parts
// from their directories (Prisma's runtime, PGlite), node-postgres (one copy,
// shared with Prisma's pg adapter, as tools that instrument it expect), and
// GraphiQL's 9 MB page, loaded only when first asked for.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** How every server entry point is bundled (bench/run.ts bundles its own with these). */
export const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  logLevel: 'warning',
  external: [
    '@electric-sql/pglite',
    'pglite-prisma-adapter',
    '@prisma/*',
    'pg',
    'pg-native',
    '@graphql-yoga/render-graphiql',
  ],
  // CommonJS dependencies bundled into an ES module still call require().
  banner: {
    js: "import { createRequire as __orgraphRequire } from 'node:module'; const require = __orgraphRequire(import.meta.url);",
  },
};

function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export async function buildServer() {
  const outputs = ['dist/main.js', 'dist/make-template.js'].map((file) => join(root, file));
  const built = Math.min(...outputs.map((file) => (existsSync(file) ? statSync(file).mtimeMs : 0)));
  const sources = Math.max(...['src', 'scripts', 'prisma', 'package-lock.json'].map((p) => newest(join(root, p))));
  if (built >= sources && existsSync(join(root, 'dist/embedded-template'))) return;
  const { build } = await import('esbuild'); // only when there is something to build
  await build({
    ...bundleOptions,
    entryPoints: { main: join(root, 'src/main.ts'), 'make-template': join(root, 'scripts/make-template.ts') },
    outdir: join(root, 'dist'),
  });
  // Migrations may have changed: the template for them (made only if missing).
  execFileSync(process.execPath, [join(root, 'dist/make-template.js')], { stdio: ['ignore', 'ignore', 'inherit'] });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
