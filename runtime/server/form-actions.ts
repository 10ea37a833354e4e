import { fail, type RequestEvent } from '@sveltejs/kit';
import { HttpError } from '../core/errors';
import { ConflictError } from '../core/store';
import { getApp } from './app';
import { requireStaff } from './staff';

/** Runs a form action; a refusal returns to the form with its message (a stale version also with `stale`), never a 500. */
export async function withRefusals<T, X extends Record<string, unknown> = Record<never, never>>(run: () => Promise<T>, extra: X = {} as X) {
	try {
		return await run();
	} catch (e) {
		const stale = e instanceof ConflictError;
		if (!stale && !(e instanceof HttpError && e.status < 500)) throw e;
		const errors: { path: string; message: string }[] = e instanceof HttpError ? (e.errors ?? []) : [];
		return fail(stale ? 409 : (e as HttpError).status, { ...extra, message: (e as Error).message, errors, stale });
	}
}

/** 签收 / 释放 of the task posted as `task`, for any workbench page. */
export const claimAction = (release: boolean) => async (event: RequestEvent) => {
	const actor = requireStaff(event);
	const app = await getApp();
	const task = String((await event.request.formData()).get('task') ?? '');
	return withRefusals(async () => {
		await app.cases.claim(actor, task, release);
		return { claimed: !release };
	});
};
