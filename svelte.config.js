import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ precompress: false }),
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
		alias: { $core: 'runtime/core', $server: 'runtime/server', $components: 'runtime/components', $studio: 'studio' }
	}
};
export default config;
