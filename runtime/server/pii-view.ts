// Who sees personal identifiers in full: the applicant, and staff with a step of the case in their queue (they act on it).
// Everyone else who may open the case (another department's reviewer who sees its summary, an administrator, an officer
// whose step is done) sees them masked: 3505**********1234, 138****5678.
import { auditEntry } from '../core/audit';
import type { CaseService } from '../core/cases/service';
import { HttpError } from '../core/errors';
import type { Actor, CaseRecord, Licence } from '../core/store';
import type { App } from './app';
import type { OpenedStore } from './open-store';
import { staffRoles } from './inbox';
import { maskIdentifier } from './pii';
import { looksLikeIdentifier, maskRecord, type PiiFields } from './pii-records';

type CaseView = Awaited<ReturnType<CaseService['view']>>;

/** The applicant, or staff holding a role the case has an open step (or 核查) for in their department. */
export function needsFullIdentifiers(actor: Actor, c: Pick<CaseRecord, 'applicantId'>, view: Pick<CaseView, 'actions' | 'tasks'>): boolean {
	if (actor.id === c.applicantId) return true;
	if (view.actions.length) return true;
	return !!actor.department && view.tasks.some((t) => t.department === actor.department && actor.roles.includes(t.role));
}

/** The case as this viewer may see it: the state's and the log's identifiers masked unless they need them. */
export function caseViewFor<V extends CaseView>(fields: PiiFields, actor: Actor, view: V): V & { masked: boolean } {
	if (needsFullIdentifiers(actor, view.case, view)) return { ...view, masked: false };
	const c = view.case;
	return {
		...view,
		masked: true,
		case: {
			...c,
			state: maskRecord(fields, 'state', c.state),
			events: c.events.map((e) => ({ ...e, payload: maskRecord(fields, 'payload', e.payload) }))
		}
	};
}

/** A licence's holder id and number (an ID card's number is the ID number) masked when they are identifiers. */
export function maskedLicence<L extends Pick<Licence, 'number'> & Partial<Pick<Licence, 'holderId'>>>(l: L): L {
	const mask = (v: string) => (looksLikeIdentifier(v) ? maskIdentifier(v) : v);
	return { ...l, number: mask(l.number), ...(l.holderId !== undefined ? { holderId: mask(l.holderId) } : {}) };
}

/**
 * One page of the cases whose current form data holds this ID or phone number (found by its keyed hash), newest first:
 * staff see those their department takes part in, administrators all (a page may hold fewer than `limit` then). Every
 * search (each page) is audited with the number masked.
 */
export async function casesByIdentifier(app: App, actor: Actor, identifier: string, limit: number, cursor?: string) {
	const value = identifier.trim();
	if (!actor.roles.includes('admin') && !staffRoles(actor).length) throw new HttpError(403, '只有工作人员可以按证件号码查找办件');
	if (value.length < 5 || value.length > 40) throw new HttpError(400, '请输入完整的身份证号码或手机号码（5–40 个字符）');
	const found = await app.store.cases.page({ identifier: value }, limit, cursor);
	const visible = [];
	for (const c of found.rows) if (await app.cases.canSee(actor, c)) visible.push(c);
	await app.store.audit.append(
		auditEntry(app.time.now().toISOString(), actor.id, 'case.search', undefined, { identifier: maskIdentifier(value), found: visible.length })
	);
	const cases = visible.map((c) => ({
		id: c.id,
		receiptNumber: c.receiptNumber,
		service: c.service,
		status: c.status,
		createdAt: c.createdAt,
		updatedAt: c.updatedAt
	}));
	return { cases, next: found.next };
}

/** The searched number sealed with the PII key, for the form that asks for the next page: the page never holds it in clear. */
export const sealSearch = (app: App, identifier: string) => (app.store as OpenedStore).pii.cipher.encrypt(identifier.trim());

export function openSearch(app: App, sealed: string): string {
	try {
		return (app.store as OpenedStore).pii.cipher.decrypt(sealed);
	} catch {
		throw new HttpError(400, '查找参数无效，请重新输入证件号码查找');
	}
}
