// npm run serve:walls -- --walls rls-only|app-only|none --isolation-test
// The full HTTP server with one tenancy wall (or both) turned off, so that the
// isolation can be attacked from outside one wall at a time, and the benchmark
// can price each wall. Never a deployment: it refuses to run unless told it is
// a test, and refuses NODE_ENV=production outright.
import { parseArgs } from 'node:util';
import { serve } from '../src/serve.js';
import { runMain } from '../src/startup.js';
import { WALL_SETTINGS, type Walls } from '../src/tenancy/walls.js';

const { values } = parseArgs({
  options: { walls: { type: 'string' }, 'isolation-test': { type: 'boolean', default: false } },
});
const walls = values.walls as Walls | undefined;
if (!walls || !WALL_SETTINGS.includes(walls)) {
  console.error(`--walls must be one of ${WALL_SETTINGS.join(', ')}`);
  process.exit(2);
}
if (!values['isolation-test'] || process.env.NODE_ENV === 'production') {
  console.error(
    'serve:walls runs a server with tenancy walls off, for isolation tests and benchmarks only: ' +
      'pass --isolation-test, outside NODE_ENV=production. To serve, use npm start.',
  );
  process.exit(2);
}
console.error(`WARNING: tenancy walls: ${walls}. Not for real data.`);
runMain(() => serve(walls));
