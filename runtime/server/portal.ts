// Shared loading for the citizen portal pages.
import { humanNumber } from '../core/certificates';
import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { HttpError } from '../core/errors';
import { compose, type ComposedService, type ServiceSource } from '../core/compose';
import { answersFromEntries, fileRefsIn } from '../core/form-data';
import { applicantSubjects, prefillValues, profileOffer } from '../core/prefill';
import type { Actor, DefinitionKind } from '../core/store';
import type { App } from './app';
import { currentFiling, type Filing } from './on-behalf';

export function requireApplicant(event: RequestEvent): Actor {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (!actor.roles.includes('applicant')) error(403, '请使用群众或企业账号登录后申请');
	return actor;
}

/**
 * Who the apply page files for: the signed-in citizen, or the citizen a front-desk officer files for (帮办代办, opened on
 * the workbench's 窗口收件 page). Anyone else is refused.
 */
export async function applicantOf(app: App, event: RequestEvent): Promise<{ actor: Actor; applicant: Actor; filing?: Filing }> {
	const actor = event.locals.actor;
	if (!actor) redirect(303, `/login?next=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	if (actor.roles.includes('applicant')) return { actor, applicant: actor };
	const filing = await currentFiling(app, event);
	if (!filing) error(403, '请使用群众或企业账号登录后申请；窗口工作人员代为申请须先在工作台「窗口收件」选择申请人并登记授权');
	return { actor, applicant: { id: filing.citizen.id, name: filing.citizen.name, roles: ['applicant'] }, filing };
}

export const asKind = (k: string): DefinitionKind => {
	if (k !== 'item' && k !== 'bundle') error(404, `没有「${k}」这类服务`);
	return k;
};

/** Rethrows definition-service errors as SvelteKit errors with the same status and message. */
export async function orError<T>(p: Promise<T>): Promise<T> {
	try {
		return await p;
	} catch (e) {
		if (e instanceof HttpError) error(e.status, e.message);
		throw e;
	}
}

export async function citizenLicences(app: App, actor: Actor) {
	const all = await app.licences.fetchable(actor.id, app.time.now().toISOString());
	// numbers made before numbering rules carry the internal type code: citizens see them without it
	return all.map((l) => ({ id: l.id, type: l.type, name: l.name, number: humanNumber(l), issuer: l.issuer }));
}

/**
 * Values the platform knows from the signed-in citizen's profile, by composed field name: only fields of a subject the citizen
 * is (the applicant, or e.g. the guardian when an answer declares it); `offer` lets the page do the same when an answer changes.
 */
export async function prefillFromProfile(app: App, actor: Actor, service: ComposedService, answers: Record<string, unknown>) {
	const account = await app.store.accounts.get(actor.id);
	const offer = profileOffer(app.catalog.dictionaries.semanticKeys, account?.profile);
	return { values: prefillValues(service.form, offer, applicantSubjects(service.questions, answers)), offer };
}

/** What the citizen page needs of a composed service (no workflow internals). */
export function serviceView(s: ComposedService) {
	return {
		kind: s.kind,
		id: s.id,
		name: s.name,
		questions: s.questions,
		members: s.members,
		form: s.form,
		materials: s.materials,
		sharedInBundle: s.sharedInBundle,
		limits: s.limits,
		savings: s.savings,
		facts: s.facts
	};
}
export type ServiceView = ReturnType<typeof serviceView>;

/** Situation answers posted as a:<key>; follow-up questions appear as earlier ones are answered. */
export function answersFor(source: ServiceSource, entries: [string, unknown][]): Record<string, unknown> {
	let answers: Record<string, unknown> = {};
	for (let round = 0; round < 5; round++) {
		const next = answersFromEntries(compose(source, answers).questions, entries);
		if (JSON.stringify(next) === JSON.stringify(answers)) break;
		answers = next;
	}
	return answers;
}

/** Names of the uploaded files that provided materials and, given the form, its file fields point at. */
export async function fileNamesOf(
	app: App,
	provided: Record<string, unknown>,
	form?: { schema: Record<string, any>; data: Record<string, unknown> }
): Promise<Record<string, string>> {
	const ids = [
		...(Object.values(provided) as { files?: string[] }[]).flatMap((p) => p?.files ?? []),
		...(form ? fileRefsIn(form.schema, form.data).map((r) => r.id) : [])
	];
	const names = new Map((await app.store.files.getMany(ids)).map((f) => [f.id, f.name]));
	return Object.fromEntries(ids.map((id) => [id, names.get(id) ?? id]));
}
