import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{ languageOptions: { globals: { ...globals.browser, ...globals.node } } },
	{
		files: ['**/*.svelte', '**/*.svelte.ts'],
		languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'], svelteConfig } }
	},
	{
		rules: {
			// JSON-shaped definitions and test payloads are checked by zod at the boundaries, not by the type system
			'@typescript-eslint/no-explicit-any': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
			'svelte/no-navigation-without-resolve': 'off',
			// keys where rows move (studio lists with reordering, undo); static read-only lists from data need none
			'svelte/require-each-key': 'off'
		}
	},
	{ ignores: ['build/', 'runtime/paraglide/', 'project.inlang/', '.build-lead/', '.svelte-kit/', 'node_modules/', 'data/', 'definitions/schemas/'] }
);
