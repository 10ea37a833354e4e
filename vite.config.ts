import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './runtime/i18n/compile-options';

export default defineConfig({
	// messages/*.json → runtime/paraglide on dev and build; vitest uses the compiled output (tests/i18n-setup.ts)
	plugins: [...(process.env.VITEST ? [] : [paraglideVitePlugin(paraglideOptions)]), sveltekit()],
	// the page's own modules are preloaded by the server's <link rel="modulepreload">; Vite's per-route dependency map
	// would otherwise sit in every page's entry (3 KB gzip of issue 13's 80 KB budget, growing with each route)
	build: { modulePreload: false },
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
		globalSetup: ['tests/i18n-setup.ts'],
		environment: 'node',
		testTimeout: 30000,
		hookTimeout: 60000
	}
});
