// npm start: brings dist/ up to date (scripts/build.mjs; nothing to do when it
// is), then runs the server in this same process, with the V8 flags npm start
// gives it.
import { buildServer } from './build.mjs';

await buildServer();
await import('../dist/main.js');
