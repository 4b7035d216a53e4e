import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

/** Where `npm run dev -w @cityhealth/console` sends API calls: a BFF started with `npm start`. */
const apiTarget = process.env.CONSOLE_API_TARGET ?? 'http://127.0.0.1:3000';

export default defineConfig({
  // The BFF serves the build at /console (CONSOLE_DIR); the router's basename matches.
  base: '/console/',
  plugins: [react()],
  resolve: {
    // The contract's TypeScript sources, as the other workspaces read them (no prior build of shared-types).
    conditions: ['cityhealth-source', ...defaultClientConditions],
  },
  server: {
    port: 5174,
    proxy: { '/api': { target: apiTarget, changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    // No inline scripts: the console's Content-Security-Policy allows scripts from 'self' only.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      output: {
        manualChunks: {
          react: ['react', 'react-dom', 'react-router-dom'],
          antd: ['antd', '@ant-design/icons', 'dayjs'],
          echarts: ['echarts/core', 'echarts/charts', 'echarts/components', 'echarts/renderers'],
        },
      },
    },
  },
});
