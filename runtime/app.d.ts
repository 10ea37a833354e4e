import type { Actor } from './core/store';
import type { BodyOutcome } from './server/body-limits';

declare global {
	namespace App {
		interface Locals {
			actor?: Actor;
			/** 适老化: large text on citizen pages, from the text-size cookie */
			textSize?: 'standard' | 'large';
			/** the page's language: zh-CN, or English on citizen pages when the lang cookie asks for it */
			locale?: 'zh-CN' | 'en';
			/** set by the hook when the request body was over its limit; guarded form actions answer it as a form error */
			refusedBody?: Extract<BodyOutcome, { ok: false }>;
		}
	}
}
export {};
