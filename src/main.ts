// `npm start`: the server, with both tenancy walls; nothing in its
// environment can turn one off (tenancy/walls.ts).
import { serve } from './serve.js';
import { runMain } from './startup.js';

runMain(() => serve('both'));
