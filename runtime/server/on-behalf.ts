// The front desk's filing for a citizen (帮办代办 / 窗口收件) while it fills the apply page: chosen on the workbench's
// 窗口收件 page, kept in a signed, HttpOnly cookie bound to the officer (so the apply page works without JavaScript and
// across its situation form), ended by submitting or by 结束代办.
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import { AUTHORISATION_KINDS, windowCentre, type OnBehalfOf } from '../core/cases/intake';
import type { Account, Actor } from '../core/store';
import type { App } from './app';
import { choiceOf, type CitizenChoice } from './citizens';
import { tokenSigner } from './signed-token';

const COOKIE = 'onbehalf';
/** how long a filing stays open without being submitted */
export const FILING_MS = 2 * 3600e3;

interface FilingToken {
	/** the officer */
	o: string;
	onBehalfOf: OnBehalfOf;
	e: number;
}
const signer = tokenSigner<FilingToken>('onBehalfFilingKey');

const cookieOptions = (url: URL) => ({ path: '/', httpOnly: true, sameSite: 'lax' as const, secure: url.protocol === 'https:' });

/** What the apply page shows and submits while filing for a citizen. */
export interface Filing {
	onBehalfOf: OnBehalfOf;
	citizen: CitizenChoice;
	/** for the banner: the authorisation in words, the centre receiving it */
	authorisation: string;
	note?: string;
	file?: { id: string; name: string };
	centre: string;
}

/** Checks the filing (the officer's centre, the citizen, the authorisation file) and opens it for this browser. */
export async function startFiling(app: App, event: RequestEvent, actor: Actor, onBehalfOf: OnBehalfOf): Promise<void> {
	await app.cases.citizenFor(actor, onBehalfOf);
	const token = await signer.sign(app.store, { o: actor.id, onBehalfOf, e: app.time.now().getTime() + FILING_MS });
	event.cookies.set(COOKIE, token, { ...cookieOptions(event.url), maxAge: FILING_MS / 1000 });
}

export function endFiling(cookies: Cookies, url: URL) {
	cookies.delete(COOKIE, cookieOptions(url));
}

/** The open filing of the signed-in officer, or undefined (none, expired, another officer's, or no longer at a window). */
export async function currentFiling(app: App, event: RequestEvent): Promise<Filing | undefined> {
	const actor = event.locals.actor;
	const token = event.cookies.get(COOKIE);
	if (!actor || !token) return undefined;
	const t = await signer.verify(app.store, token, app.time.now().getTime());
	const centre = windowCentre(app.catalog.dictionaries, actor);
	if (!t || t.o !== actor.id || !centre) return undefined;
	const account: Account | undefined = await app.store.accounts.get(t.onBehalfOf.applicant);
	if (!account) return undefined;
	const a = t.onBehalfOf.authorisation;
	const file = a.file ? await app.store.files.get(a.file) : undefined;
	return {
		onBehalfOf: t.onBehalfOf,
		citizen: choiceOf(account),
		authorisation: AUTHORISATION_KINDS[a.kind],
		...(a.note ? { note: a.note } : {}),
		...(file ? { file: { id: file.id, name: file.name } } : {}),
		centre: centre.name
	};
}
