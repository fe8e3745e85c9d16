/**
 * Vite config for the 苏创荟 web shell. Run from the repo root with
 * `vite build --config web/vite.config.ts`; every path is resolved relative to
 * this file, so the working directory does not matter.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where the dev server sends /api (override with API_TARGET, e.g. to a server on another port). */
const apiTarget = process.env.API_TARGET ?? 'http://127.0.0.1:3000';

/**
 * Vendor chunks: each large library in its own file so no chunk is huge.
 * Higher priority is captured first, and a group also takes the dependencies
 * of what it captured, so the lower layers go first: React, then antd's
 * building blocks (@rc-component, cssinjs, dayjs…), then antd itself, whose
 * modules only import downwards. (Cutting antd by size instead creates
 * cross-chunk cycles that break module evaluation order at run time.)
 */
const vendorGroups = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|react-router|react-router-dom|scheduler|cookie|set-cookie-parser)[\\/]/, priority: 60 },
  { name: 'echarts', test: /[\\/]node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 50 },
  { name: 'zod', test: /[\\/]node_modules[\\/]zod[\\/]/, priority: 45 },
  { name: 'antd-icons', test: /[\\/]node_modules[\\/]@ant-design[\\/]icons(-svg)?[\\/]/, priority: 40 },
  { name: 'antd-base', test: /[\\/]node_modules[\\/](?!antd[\\/])/, priority: 35 },
  { name: 'antd', test: /[\\/]node_modules[\\/]antd[\\/]/, priority: 30 },
];

export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        codeSplitting: { groups: vendorGroups },
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
});
