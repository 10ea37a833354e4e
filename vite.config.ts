import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './runtime/i18n/compile-options';

export default defineConfig({
	// messages/*.json → runtime/paraglide on dev and build; vitest uses the compiled output (tests/i18n-setup.ts)
	plugins: [...(process.env.VITEST ? [] : [paraglideVitePlugin(paraglideOptions)]), sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts', 'tests/contract/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
		globalSetup: ['tests/i18n-setup.ts'],
		environment: 'node',
		testTimeout: 30000,
		hookTimeout: 60000
	}
});
