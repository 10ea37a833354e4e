import adapter from './adapter.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		// adapter-node, static assets precompressed (.br/.gz served by sirv); pages and API are compressed in hooks.server.ts
		adapter: adapter(),
		// instrumentation.server.ts runs before adapter-node reads its environment (see runtime/server/body-limits.ts)
		experimental: { instrumentation: { server: true } },
		files: {
			src: 'runtime',
			routes: 'runtime/routes',
			lib: 'runtime',
			appTemplate: 'runtime/app.html',
			hooks: { server: 'runtime/hooks.server', client: 'runtime/hooks.client' },
			assets: 'runtime/static',
			params: 'runtime/params',
			serviceWorker: 'runtime/service-worker'
		},
		// the bench's peer apps import libraries the app does not depend on (tests/bench/peers): keep them out of type checks
		typescript: {
			config: (tsconfig) => {
				tsconfig.exclude.push('../tests/bench/peers/**');
			}
		},
		alias: { $core: 'runtime/core', $server: 'runtime/server', $components: 'runtime/components', $studio: 'studio' },
		// Content-Security-Policy on every page: Kit adds a nonce (SSR) or hash (prerendered) for its own inline script.
		// No inline or eval'd script anywhere; inline styles only in the studio (runtime/server/csp.ts explains why).
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self'],
				// Kit's route announcer carries this one style attribute (sveltejs/kit#11993): allowed by its hash only
				'style-src-attr': ['unsafe-hashes', 'sha256-S8qMpvofolR8Mpjy4kQvEm7m1q8clzU4dfDH0AmvZjo='],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self', 'data:'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};
export default config;
