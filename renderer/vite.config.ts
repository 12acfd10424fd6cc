import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { CONTENT_SECURITY_POLICY, webServerHeaders } from '../electron/main/csp';

/**
 * The renderer builds and serves on its own so that it runs in a plain Chromium (web mode, and
 * every end-to-end test). The policy is defined beside the desktop app's header form of it.
 */
export { CONTENT_SECURITY_POLICY };

/** Strict CSP for built pages only: the dev server's hot reload needs inline scripts. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'kiosk-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY },
        injectTo: 'head-prepend',
      },
    ],
  };
}

export const rendererRoot = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: './',
  plugins: [react(), contentSecurityPolicy()],
  // Web mode only: the ID-card reader simulator for end-to-end tests (host/web-id-reader.ts).
  define: { 'import.meta.env.VITE_ID_CARD_SIMULATOR': JSON.stringify('on') },
  build: {
    outDir: fileURLToPath(new URL('../out/web', import.meta.url)),
    emptyOutDir: true,
    target: 'chrome120',
    assetsInlineLimit: 0,
    // Served from the local disk at the hall, never over a network: a large chunk costs little.
    chunkSizeWarningLimit: 1500,
    rollupOptions: {
      onwarn(warning, warn) {
        // zod's pure-annotation comments are placed where Rollup ignores them; harmless noise.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('node_modules')) return;
        warn(warning);
      },
    },
  },
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  // Web mode serves the built app with the desktop app's security headers (CSP with
  // frame-ancestors, X-Frame-Options, nosniff).
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: webServerHeaders() },
});
