import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { HtmlTagDescriptor, Plugin } from 'vite';

/**
 * The window's first script is small and imports the screens' module with import(), so the page would only ask for
 * that module (and what it imports) once the first script has run. Named in the page's head, the browser fetches
 * and parses them beside the first script instead, while the main process answers its first calls.
 */
function preloadScreens(screensModule: string): Plugin {
  return {
    name: 'stepwise-preload-screens',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, { bundle, chunk: entry }) {
        if (!bundle || !entry) return [];
        const chunks = Object.values(bundle).flatMap((output) => (output.type === 'chunk' ? [output] : []));
        const screens = chunks.find((chunk) => chunk.facadeModuleId === screensModule);
        if (!screens) throw new Error(`No chunk was built for ${screensModule}`);
        const scripts = new Set<string>();
        const styles = new Set<string>();
        const visit = (fileName: string): void => {
          if (fileName === entry.fileName || scripts.has(fileName)) return;
          scripts.add(fileName);
          const chunk = chunks.find((candidate) => candidate.fileName === fileName);
          for (const css of chunk?.viteMetadata?.importedCss ?? []) styles.add(css);
          for (const imported of chunk?.imports ?? []) visit(imported);
        };
        visit(screens.fileName);
        const link = (attrs: Record<string, string | boolean>): HtmlTagDescriptor => ({ tag: 'link', attrs, injectTo: 'head' });
        return [
          ...[...scripts].map((file) => link({ rel: 'modulepreload', crossorigin: true, href: `./${file}` })),
          ...[...styles].map((file) => link({ rel: 'preload', as: 'style', crossorigin: true, href: `./${file}` })),
        ];
      },
    },
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'electron/main/index.ts'),
          // The long reads' worker thread (electron/jobs), loaded by path from the main process.
          jobWorker: resolve(import.meta.dirname, 'electron/jobs/jobWorker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(import.meta.dirname, 'electron/preload/index.ts') },
        // A sandboxed preload must be one CommonJS file that requires nothing but electron.
        output: { format: 'cjs', entryFileNames: '[name].js', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'renderer'),
    base: './',
    plugins: [react(), preloadScreens(resolve(import.meta.dirname, 'renderer/src/mountApp.tsx'))],
    build: {
      // Minified, so the charts library loads quickly from app://; sourcemaps stay out of the package.
      minify: true,
      outDir: resolve(import.meta.dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(import.meta.dirname, 'renderer/index.html') } },
    },
  },
});
