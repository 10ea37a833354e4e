// oidc-provider ships no types: the little the test provider uses.
declare module 'oidc-provider' {
	import type { Server } from 'node:http';
	interface FoundAccount {
		accountId: string;
		claims(use: string, scope: string): Promise<Record<string, unknown>>;
	}
	export default class Provider {
		constructor(issuer: string, configuration: Record<string, unknown> & { findAccount?(ctx: unknown, sub: string): Promise<FoundAccount | undefined> });
		listen(port: number, host: string, callback: () => void): Server;
	}
}
