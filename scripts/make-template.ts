// Bundled to dist/make-template.js by scripts/build.mjs: makes the embedded
// database's template for the current migrations (src/db/embedded-template.ts).
import { makeTemplate } from '../src/db/embedded-template.js';

console.log(`embedded database template: ${await makeTemplate()}`);
