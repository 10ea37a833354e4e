// The CSP as configured (svelte.config.js) and the studio's relaxation, without a build.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../svelte.config.js';
import { withInlineStyles } from '../../runtime/server/csp';
import { needsInlineStyles } from '../../runtime/components/inline-style-area';

const d = config.kit!.csp!.directives!;

describe('CSP configuration', () => {
	it('allows no inline or eval script, no plugins, no framing, no other origin', () => {
		expect(d['script-src']).toEqual(['self']);
		expect(Object.values(d).flat()).not.toContain('unsafe-eval');
		expect(d['style-src']).toEqual(['self']);
		expect(d['frame-ancestors']).toEqual(['none']);
		expect(d['object-src']).toEqual(['none']);
		for (const k of ['default-src', 'connect-src', 'base-uri', 'form-action'] as const) expect(d[k]).toEqual(['self']);
		expect(config.kit!.csp!.mode).toBe('auto');
	});

	it('the one style attribute allowed is the hash of the installed Kit’s route announcer', () => {
		// Kit renders it from its generated root component (sveltejs/kit#11993); an upgrade that changes it fails here
		const root = readFileSync('node_modules/@sveltejs/kit/src/core/sync/write_root.js', 'utf8');
		const style = /id="svelte-announcer"[^>]*style="([^"]+)"/.exec(root)?.[1];
		expect(style).toBeDefined();
		const hash = `sha256-${createHash('sha256').update(style!).digest('base64')}`;
		expect(d['style-src-attr']).toEqual(['unsafe-hashes', hash]);
	});

	it('the studio (only) gets inline styles; its scripts keep the nonce', () => {
		const page = "default-src 'self'; script-src 'self' 'nonce-abc'; style-src 'self'; style-src-attr 'unsafe-hashes' 'sha256-x'; frame-ancestors 'none'";
		expect(withInlineStyles(page)).toBe(
			"default-src 'self'; script-src 'self' 'nonce-abc'; frame-ancestors 'none'; style-src 'self' 'unsafe-inline'; style-src-attr 'unsafe-inline'"
		);
		expect(['/studio', '/studio/items/a', '/'].map(needsInlineStyles)).toEqual([true, true, false]);
		expect(['/studios', '/workbench/studio'].map(needsInlineStyles)).toEqual([false, false]);
	});
});
