import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		adapter: adapter({ precompress: false }),
		files: {
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
