// What the workbench case page shows beside the materials: each material's files (typed for the viewer), electronic
// licences as their data, every reviewer's latest mark, the department's opinion templates; and the no-JS helpers.
import { latestMarks, MarkService } from '../core/review/marks';
import { OpinionService } from '../core/review/opinions';
import type { ProvidedMaterial } from '../core/cases/events';
import type { Actor, Licence, MaterialMark } from '../core/store';
import type { LicenceData, ViewerFile, ViewerKind } from '../core/review/shared';
import type { App } from './app';
import { maskIdentifier } from './pii';
import { looksLikeIdentifier } from './pii-records';

export type { LicenceData, ViewerFile };

export const markService = (app: App) => new MarkService(app.store, app.cases, app.time);
export const opinionService = (app: App) => new OpinionService(app.store, app.time);

const kindOf = (mime: string): ViewerKind => (mime === 'application/pdf' ? 'pdf' : /^image\/(png|jpeg|gif|webp)$/.test(mime) ? 'image' : 'other');

/** Files of every uploaded material, by material id, typed by the stored MIME type. */
export async function materialFiles(app: App, provided: Record<string, ProvidedMaterial | undefined>): Promise<Record<string, ViewerFile[]>> {
	const ids = Object.values(provided).flatMap((p) => (p?.source === 'upload' ? p.files : []));
	const meta = new Map((await app.store.files.getMany(ids)).map((f) => [f.id, f]));
	const out: Record<string, ViewerFile[]> = {};
	for (const [material, p] of Object.entries(provided))
		if (p?.source === 'upload')
			out[material] = p.files.map((id) => {
				const f = meta.get(id);
				return { id, name: f?.name ?? id, kind: f ? kindOf(f.mime) : 'other' };
			});
	return out;
}

const maskValue = (v: string) => (looksLikeIdentifier(v) ? maskIdentifier(v) : v);

/** An electronic licence as the data it carries; identifiers masked for viewers who do not act on the case. */
export function licenceData(l: Licence, masked: boolean): LicenceData {
	const show = (v: string) => (masked ? maskValue(v) : v);
	return {
		id: l.id,
		type: l.type,
		name: l.name,
		number: show(l.number),
		issuer: l.issuer,
		holderName: l.holderName,
		issuedAt: l.issuedAt,
		...(l.validUntil ? { validUntil: l.validUntil } : {}),
		...(l.revokedAt ? { revokedAt: l.revokedAt } : {}),
		data: Object.fromEntries(
			Object.entries(l.data ?? {})
				.filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
				.map(([k, v]) => [k, show(String(v))])
		)
	};
}

/** The review panel's data for one officer. `correct`: mark ids whose notes prefill the 补正 form (the no-JS path). */
export async function reviewData(app: App, actor: Actor, caseId: string, correct: string[]) {
	const marks = await markService(app).list(caseId);
	const byId = new Map(marks.map((m) => [m.id, m]));
	const prefill = correct
		.map((id) => byId.get(id))
		.filter((m): m is MaterialMark => !!m && m.status === 'problem')
		.map((m) => ({ target: `material:${m.material}`, message: m.note ?? '' }));
	return {
		marks: latestMarks(marks),
		templates: actor.department ? await opinionService(app).list(actor.department) : [],
		prefill
	};
}

/** The steps a department works on in the published catalog (state key → label), for choosing a template's step. */
export async function departmentSteps(app: App, department: string): Promise<{ key: string; label: string }[]> {
	const steps = new Map<string, string>();
	for (const rec of await app.store.definitions.list('item')) {
		const item = rec.versions.at(-1)?.definition as
			| { department?: string; workflow?: { states?: Record<string, { type?: string; meta?: { label?: string; role?: string; department?: string } }> } }
			| undefined;
		for (const [key, node] of Object.entries(item?.workflow?.states ?? {})) {
			const meta = node.meta;
			if (node.type === 'final' || !meta?.role || meta.role === 'applicant') continue;
			if ((meta.department ?? item?.department) === department && !steps.has(key)) steps.set(key, meta.label ?? key);
		}
	}
	return [...steps].map(([key, label]) => ({ key, label })).sort((a, b) => (a.key < b.key ? -1 : 1));
}
