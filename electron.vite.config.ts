import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The project's layout (electron/, renderer/) rather than electron-vite's default src/ folders.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: { input: { index: resolve('electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve('electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    // No CSP meta tag here: the app:// protocol sends the policy as a header, which alone can
    // name the configured platform's origin and forbid framing (a meta copy would intersect).
    plugins: [react()],
    // The desktop build talks to the preload only (renderer/host/index.ts): fixed at build time,
    // so a preload that failed to load stops the app instead of opening the web host.
    define: { 'import.meta.env.VITE_KIOSK_HOST': JSON.stringify('electron') },
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve('renderer/index.html') } },
    },
  },
});
