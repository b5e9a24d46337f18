import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// The Maven build passes WEB_OUT_DIR (gateway/target/classes/static) so the app ends up inside the gateway jar.
const outDir = process.env.WEB_OUT_DIR || 'dist';

export default defineConfig({
  plugins: [
    svelte({
      // forms copy their props into local state on purpose (the initial values of an edit)
      onwarn(warning, handler) {
        if (warning.code === 'state_referenced_locally') return;
        handler(warning);
      }
    })
  ],
  base: '/',
  build: {
    outDir,
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 800
  },
  server: {
    port: 5173,
    // lib/stored-text.js reads common's message catalogue (the services' own words) from the repository
    fs: { allow: ['.', '../common/src/main/resources'] },
    proxy: { '/api': 'http://localhost:8080' }
  },
  resolve: process.env.VITEST ? { conditions: ['browser'] } : undefined,
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.js'],
    setupFiles: ['src/test-setup.js'],
    restoreMocks: true,
    // one test file per core: Vitest's default for a run is one worker fewer than the cores, which on a 2-core
    // machine is one worker for all files while the Maven build waits for it (docs/bench-suite.md: 48-52 s -> 31-33 s)
    maxWorkers: '100%'
  }
});
