import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    // Split by route (app/routes.tsx): the first load is the shell and the login screen; the PDF viewer (pdf.js,
    // ~0.6 MB) and its worker stay above the default warning size and load on first use.
    chunkSizeWarningLimit: 2000,
  },
  server: { host: '127.0.0.1' },
});
