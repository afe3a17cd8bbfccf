// Types of scripts/build.mjs (plain JavaScript, so that npm start runs it without a compile step).
import type { BuildOptions } from 'esbuild';

export declare const bundleOptions: BuildOptions;
export declare function buildServer(): Promise<void>;
