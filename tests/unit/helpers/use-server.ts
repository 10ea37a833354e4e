// A built app for one test file: started before its tests, stopped after; `as(user)` signs a client in.
import { afterAll, beforeAll } from 'vitest';
import { Client, startServer, type RunningServer } from './server';

export function useServer(opts: Parameters<typeof startServer>[0] = {}) {
	let server: RunningServer | undefined;
	beforeAll(async () => {
		server = await startServer(opts);
	});
	afterAll(async () => server?.stop());
	return {
		get url() {
			return server!.url;
		},
		async as(user: string) {
			const c = new Client(server!.url);
			await c.login(user);
			return c;
		}
	};
}
