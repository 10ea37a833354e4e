// Runs in the browser before any page uses zod or Paraglide's messages.
import { defineCustomClientStrategy, toLocale } from '$lib/paraglide/runtime';

// the page's language is the one the server wrote on <html lang> (from the lang cookie): hydration matches the HTML
defineCustomClientStrategy('custom-page', { getLocale: () => toLocale(document.documentElement.lang), setLocale: () => {} });

// zod probes `new Function` to compile faster object parsers; the CSP forbids eval, and even the caught probe is
// reported as a violation. zod's config lives on this global (shared by every zod copy), so setting it here keeps
// zod itself out of pages that do not use it; `config({ jitless: true })` from zod would cost every page ~4 KB gzip.
const shared = globalThis as typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };
(shared.__zod_globalConfig ??= {}).jitless = true;
