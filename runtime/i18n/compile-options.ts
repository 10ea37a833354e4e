// Paraglide's compiler options, shared by the Vite plugin (dev, build, vitest) and `npm run i18n` (before lint/check).
// The language comes from the `lang` cookie, read by the server hook (runtime/i18n/locale.ts); the browser takes it
// from <html lang>, which the server wrote, so the hydrated page speaks the same language as the HTML.
export const paraglideOptions = {
	project: './project.inlang',
	outdir: './runtime/paraglide',
	strategy: ['custom-page', 'baseLocale'] as ['custom-page', 'baseLocale'],
	// vite's SSR flag: server-only code stays out of the browser bundles
	isServer: 'import.meta.env.SSR',
	emitReadme: false
};
