// Builds the explorer (index.html) and the playground (playground.html)
// into dist/, which package web embeds in the Go binary. Everything either
// page loads, the playground editor's workers included, ends up in
// dist/assets: nothing is fetched from another host at run time.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

// The playground's tabs are the example operations in ../docs/examples,
// outside this directory: a build that cannot see them must fail, not
// ship a playground without examples.
const examples = page('../docs/examples');
let exampleCount = 0;
try {
  exampleCount = readdirSync(examples).filter((f) => f.endsWith('.graphql')).length;
} catch {
  // counted as none
}
if (exampleCount === 0) throw new Error(`no example operations in ${examples}: the playground's tabs are built from them`);

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    // The playground bundles the Monaco editor, which is big by nature;
    // it is served from the binary and cached for good (hashed names).
    chunkSizeWarningLimit: 8000,
    rollupOptions: {
      input: { explorer: page('index.html'), playground: page('playground.html') },
      onwarn(warning, warn) {
        // GraphiQL's React dependencies mark modules "use client" for
        // server-side React; in a plain browser bundle it means nothing.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    // `npm run dev` serves the pages with hot reload and forwards the API
    // to a server started with `go run . -port 8080`.
    proxy: { '/graphql': 'http://localhost:8080', '/export': 'http://localhost:8080' },
  },
});
