import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The server (npm start) serves dist/; `npm run dev` proxies the API and sync endpoint to it on port 8080.
export default defineConfig({
  plugins: [react()],
  root: '.',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 2000 },
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/sync': { target: 'ws://localhost:8080', ws: true },
    },
  },
});
