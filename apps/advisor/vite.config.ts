import { defineConfig } from 'vite';

// The server serves this build under /advisor/ with an SPA fallback to index.html.
export default defineConfig({
  base: '/advisor/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // TanStack Query marks its files "use client" for React Server Components; meaningless in an SPA bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000' },
  },
});
