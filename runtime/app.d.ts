import type { Actor } from './core/store';
import type { BodyOutcome } from './server/body-limits';

declare global {
	namespace App {
		interface Locals {
			actor?: Actor;
			/** set by the hook when the request body was over its limit; guarded form actions answer it as a form error */
			refusedBody?: Extract<BodyOutcome, { ok: false }>;
		}
	}
}
export {};
