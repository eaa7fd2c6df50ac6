import path from 'node:path';
import { build, type Plugin } from 'rolldown';

/** Where the job processes' code is bundled: beside the app's own build (out/main), and like it never committed. */
const OUT_DIR = path.resolve('out/bench');

/** Paths the code builds from `__dirname` (the built renderer, the job worker) keep meaning the source file's folder. */
const sourceDirname: Plugin = {
  name: 'source-dirname',
  transform(code, id) {
    return code.includes('__dirname') ? code.replaceAll(/\b__dirname\b/g, JSON.stringify(path.dirname(id))) : null;
  },
};

/**
 * Bundles the job processes' code into plain JavaScript, as electron-vite bundles the main process: a job then runs
 * as the app's main process does, with its dependencies loaded from node_modules and no TypeScript transpiler in its
 * memory (jiti's own modules and caches were about 35 MB of every job's peak). Returns the job process's entry.
 */
export async function bundleJobChild(): Promise<string> {
  await build({
    input: { jobChild: path.resolve('scripts/bench/jobChild.ts') },
    platform: 'node',
    // Packages stay outside the bundle, as electron-vite leaves them outside the main process's: native modules
    // (better-sqlite3, argon2) cannot be bundled, and the others are loaded the way the app loads them.
    external: (id) => !id.startsWith('.') && !path.isAbsolute(id) && !id.startsWith('\0'),
    plugins: [sourceDirname],
    logLevel: 'warn',
    output: { dir: OUT_DIR, format: 'cjs', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js', cleanDir: true },
  });
  return path.join(OUT_DIR, 'jobChild.js');
}
