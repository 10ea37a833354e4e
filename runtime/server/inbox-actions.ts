// The workbench inbox's forms: the filter (the applicant's name goes into the URL sealed, never in clear), filters saved
// per officer in the store, and 批量签收 (each task claimed on its own; the ones a colleague took first are named).
import { HttpError } from '../core/errors';
import type { Actor } from '../core/store';
import type { App } from './app';
import type { OpenedStore } from './open-store';

/** The query parameters a filter is made of (the applicant's name as `an`, sealed with the PII key). */
export const FILTER_KEYS = ['tab', 'service', 'state', 'due', 'receipt', 'an'] as const;
/** Saved filters an officer may keep, and the longest name of one. */
export const MAX_SAVED = 20;
export const MAX_NAME = 20;
/** Tasks one 批量签收 may claim (a page of the inbox). */
export const MAX_BATCH = 50;

const metaKey = (actor: Actor) => `inbox-filters/${actor.id}`;

export interface SavedFilter {
	id: string;
	name: string;
	/** the filter's query string, without the page cursor */
	query: string;
}

/** The filter of a posted form as the inbox URL's query: a typed applicant name is sealed, an already sealed one kept. */
export function filterQuery(app: App, form: FormData): string {
	const q = new URLSearchParams();
	for (const k of FILTER_KEYS) {
		const v = String(form.get(k) ?? '').trim();
		if (v && k !== 'an') q.set(k, v);
	}
	const name = String(form.get('applicant') ?? '').trim();
	if (name.length > 50) throw new HttpError(400, `申请人姓名过长（最多 50 个字符，收到 ${name.length} 个）`);
	if (name) q.set('an', sealName(app, name));
	else if (form.get('an')) q.set('an', String(form.get('an')));
	return q.toString();
}

export const sealName = (app: App, name: string) => (app.store as OpenedStore).pii.cipher.encrypt(name.trim());

/** The applicant's name from the URL's sealed `an`; a value that does not open is a 400 naming the field. */
export function openName(app: App, sealed: string | null): string | undefined {
	if (!sealed) return undefined;
	try {
		return (app.store as OpenedStore).pii.cipher.decrypt(sealed);
	} catch {
		throw new HttpError(400, '申请人姓名的查找参数（an）无效，请重新输入姓名筛选');
	}
}

export async function savedFilters(app: App, actor: Actor): Promise<SavedFilter[]> {
	return (await app.store.meta.get<SavedFilter[]>(metaKey(actor))) ?? [];
}

/** Saves the filter under a name (a filter of the same name is replaced). */
export async function saveFilter(app: App, actor: Actor, form: FormData): Promise<SavedFilter[]> {
	const name = String(form.get('name') ?? '').trim();
	if (!name) throw new HttpError(400, '请为筛选条件起一个名称');
	if ([...name].length > MAX_NAME) throw new HttpError(400, `筛选名称最多 ${MAX_NAME} 个字（收到 ${[...name].length} 个）`);
	const query = filterQuery(app, form);
	if (!query || query.replace(/^tab=[^&]*$/, '') === '') throw new HttpError(400, '当前没有筛选条件可保存：请先选择事项、环节、时限或输入受理编号、申请人');
	const all = (await savedFilters(app, actor)).filter((f) => f.name !== name);
	if (all.length >= MAX_SAVED) throw new HttpError(400, `最多保存 ${MAX_SAVED} 个筛选条件，请先删除不用的`);
	const next = [...all, { id: crypto.randomUUID().slice(0, 8), name, query }];
	await app.store.meta.set(metaKey(actor), next);
	return next;
}

export async function deleteFilter(app: App, actor: Actor, id: string): Promise<SavedFilter[]> {
	const all = await savedFilters(app, actor);
	const next = all.filter((f) => f.id !== id);
	if (next.length === all.length) throw new HttpError(404, '该筛选条件不存在或已删除');
	await app.store.meta.set(metaKey(actor), next);
	return next;
}

export interface BatchOutcome {
	claimed: string[];
	failed: { receiptNumber: string; message: string }[];
	/** how many of the ticked tasks this officer may not claim at all (not named: their cases may be outside the officer's reach) */
	refused: number;
}

/** 批量签收: each task claimed on its own (one conditional write each), so one taken by a colleague fails alone. */
export async function claimMany(app: App, actor: Actor, ids: string[]): Promise<BatchOutcome> {
	const unique = [...new Set(ids.filter(Boolean))];
	if (!unique.length) throw new HttpError(400, '请先勾选要签收的待办');
	if (unique.length > MAX_BATCH) throw new HttpError(400, `一次最多签收 ${MAX_BATCH} 件（勾选了 ${unique.length} 件）`);
	const out: BatchOutcome = { claimed: [], failed: [], refused: 0 };
	for (const id of unique) {
		const task = await app.store.tasks.get(id);
		if (!task || !actor.roles.includes(task.role) || actor.department !== task.department) {
			out.refused++;
			continue;
		}
		const receiptNumber = task.receiptNumber;
		try {
			await app.cases.claim(actor, id);
			out.claimed.push(receiptNumber);
		} catch (e) {
			if (!(e instanceof HttpError) && !(e instanceof Error && e.name === 'ConflictError')) throw e;
			out.failed.push({ receiptNumber, message: (e as Error).message });
		}
	}
	if (out.refused === unique.length) throw new HttpError(403, '所选待办均已流转或不在您的职责范围内，不能签收');
	return out;
}
