import { defineConfig } from 'vite';

// The server mounts this build under /admin/ and falls back to index.html for client routes.
export default defineConfig({
  base: '/admin/',
  build: {
    outDir: 'dist',
    // antd is large by design; one admin bundle of ~1.5 MB is expected for a desktop console.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      // antd marks every module "use client" for React Server Components; meaningless in this SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:3000', '/o': 'http://localhost:3000', '/dev': 'http://localhost:3000' },
  },
});
