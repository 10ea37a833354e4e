import type { ComposedMaterial } from '../compose';
import { evaluate } from '../model/condition';
import type { FileRecord, Licence } from '../store';
import type { ProvidedMaterial } from './events';
import { errorText } from '../error-text';

export interface MaterialContext {
	answers: Record<string, unknown>;
	data: Record<string, unknown>;
	files: Map<string, FileRecord>;
	licences: Licence[];
	applicantId: string;
	/** the officer filing for the applicant (帮办代办), whose uploads count as the applicant's */
	uploaderId?: string;
	licenceConsent: boolean;
}

export function isRequired(m: ComposedMaterial, answers: Record<string, unknown>, data: Record<string, unknown>): boolean {
	if (m.required === 'always') return true;
	if (m.required === 'optional') return false;
	return evaluate(m.required.when, { answers, data });
}

const ext = (name: string) => name.split('.').pop()?.toLowerCase() ?? '';

/** Checks one provided material against its definition; returns a Chinese message or undefined. */
export function checkOne(m: ComposedMaterial, p: ProvidedMaterial, ctx: MaterialContext): string | undefined {
	if (p.source === 'deferred') return m.deferrable.allowed ? undefined : `「${m.name}」不允许容缺，请现在提供`;
	const offered = new Set<string>(m.sources.map((s) => s.kind));
	// a licence-backed material may still be uploaded when the licence library lacks it
	if (offered.has('licence')) offered.add('upload');
	// so may one fetched from a sharing department (部门共享) when the department has no record or is down
	if (m.sources.some((s) => s.kind === 'shared' && s.fetch)) offered.add('upload');
	if (!offered.has(p.source)) return `「${m.name}」不能以该方式提供`;
	if (p.source === 'upload') {
		for (const id of p.files) {
			const f = ctx.files.get(id);
			if (!f || (f.ownerId !== ctx.applicantId && f.ownerId !== ctx.uploaderId)) return `「${m.name}」的文件 ${id} 不存在`;
			if (!m.accept.includes(ext(f.name))) return `「${m.name}」只接受 ${m.accept.join('、')} 格式，${f.name} 不符合`;
			if (f.size > m.maxSizeMB * 1024 * 1024) return `「${m.name}」的文件 ${f.name} 超过 ${m.maxSizeMB} MB`;
		}
	}
	if (p.source === 'licence') {
		if (!ctx.licenceConsent) return errorText.licenceConsent(m);
		const types = m.sources.flatMap((s) => (s.kind === 'licence' ? [s.licenceType] : []));
		const lic = ctx.licences.find((l) => l.id === p.licenceId);
		if (!lic) return `未找到您名下的电子证照 ${p.licenceId}`;
		if (!types.includes(lic.type)) return `电子证照「${lic.name}」不是「${m.name}」所需的证照类型`;
	}
	return undefined;
}

/** A choice left unfinished (no way chosen, an upload without files, an unsigned commitment): the problem, named by the material. */
export function materialGap(m: Pick<ComposedMaterial, 'name'>, p: Record<string, any> | undefined): string | undefined {
	if (!p?.source) return errorText.materialNoSource(m);
	if (p.source === 'upload' && !(Array.isArray(p.files) && p.files.length)) return errorText.materialNoFile(m);
	if (p.source === 'commitment' && p.signed !== true) return errorText.materialUnsigned(m);
	return undefined;
}

/**
 * Posted choices → the finished ones, and the gaps of required materials as errors; an optional material left unfinished
 * counts as not provided. Shared by the server and the browser, so both name the same problems.
 */
export function finishedMaterials(
	materials: ComposedMaterial[],
	posted: Record<string, unknown>,
	answers: Record<string, unknown>,
	data: Record<string, unknown>
): { provided: Record<string, unknown>; errors: { path: string; message: string }[] } {
	const provided: Record<string, unknown> = {};
	const errors: { path: string; message: string }[] = [];
	const byId = new Map(materials.map((m) => [m.id, m]));
	for (const [id, p] of Object.entries(posted ?? {})) {
		const m = byId.get(id);
		const q = p as Record<string, any> | undefined;
		// a licence choice posts the licence's id only when the applicant holds one
		const gap = m && (materialGap(m, q) ?? (q?.source === 'licence' && !q.licenceId ? errorText.materialNoLicence(m) : undefined));
		if (!gap) provided[id] = p;
		else if (isRequired(m, answers, data)) errors.push({ path: `materials.${id}`, message: gap });
	}
	return { provided, errors };
}

/** 一套材料: every required material provided in an allowed way; errors keyed `materials.<id>`. */
export function checkMaterials(materials: ComposedMaterial[], provided: Record<string, ProvidedMaterial>, ctx: MaterialContext) {
	const errors: { path: string; message: string }[] = [];
	const known = new Set(materials.map((m) => m.id));
	for (const id of Object.keys(provided)) if (!known.has(id)) errors.push({ path: `materials.${id}`, message: `本事项不需要材料「${id}」` });
	for (const m of materials) {
		const p = provided[m.id];
		if (!p) {
			if (isRequired(m, ctx.answers, ctx.data)) errors.push({ path: `materials.${m.id}`, message: `请提供「${m.name}」` });
			continue;
		}
		const msg = checkOne(m, p, ctx);
		if (msg) errors.push({ path: `materials.${m.id}`, message: msg });
	}
	return errors;
}

/** The source a material starts with: a fetched licence when the applicant holds one, else the definition's first. */
export function defaultSource(m: ComposedMaterial, licenceTypes: Set<string>): ProvidedMaterial['source'] {
	if (m.sources.some((s) => s.kind === 'licence' && licenceTypes.has(s.licenceType))) return 'licence';
	const first = m.sources.find((s) => s.kind !== 'licence');
	return first?.kind ?? 'upload';
}
