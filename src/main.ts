// `npm start`: the server, with both tenancy walls; nothing in its
// environment can turn one off (tenancy/walls.ts).
import { runMain, serve } from './serve.js';

runMain(() => serve('both'));
