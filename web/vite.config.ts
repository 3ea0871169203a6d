import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The build goes where Maven packs it into the jar (target/classes/public, served at "/").
// Maven passes NV_OUT_DIR=${project.build.outputDirectory}/public; standalone builds default to the same place.
const outDir = process.env.NV_OUT_DIR ?? fileURLToPath(new URL('../target/classes/public', import.meta.url));

export default defineConfig({
  plugins: [react()],
  base: './',
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // The tests are pure functions and small classes: one worker reused across files is enough.
    isolate: false,
  },
});
