// What every event module shares: the payload building blocks and the module shape.
import { z } from 'zod';
import type { Actor } from '../../store';
import { DATASET_IDS } from '../../shared-data/dataset-ids';

export const reason = z.string().trim().min(2, '请填写理由（至少 2 个字）');
export const opinion = z.string().trim().optional();

/** A problem in a 补正 notice, tied to one field, material or situation answer (办事情形, by its composed question key). */
export const Problem = z.strictObject({
	target: z.strictObject({ kind: z.enum(['field', 'material', 'answer']), id: z.string().min(1) }),
	message: z.string().trim().min(2, '请写明需要补正的内容')
});
export type Problem = z.infer<typeof Problem>;

export const ProvidedMaterial = z.discriminatedUnion('source', [
	z.strictObject({ source: z.literal('upload'), files: z.array(z.string().regex(/^[A-Za-z0-9_-]+$/)).min(1, '请上传文件') }),
	z.strictObject({ source: z.literal('licence'), licenceId: z.string().min(1) }),
	z.strictObject({ source: z.literal('commitment'), signed: z.literal(true, { message: '请勾选同意承诺' }) }),
	z.strictObject({
		source: z.literal('shared'),
		/** the applicant's consent to fetch this material's dataset from the sharing department */
		consent: z.boolean().optional(),
		/** what the sharing department returned, recorded by the server at submission (never taken from the post) */
		fetched: z.strictObject({ dataset: z.enum(DATASET_IDS), department: z.string(), fetchedAt: z.string(), data: z.record(z.string(), z.unknown()) }).optional()
	}),
	z.strictObject({ source: z.literal('deferred') })
]);
export type ProvidedMaterial = z.infer<typeof ProvidedMaterial>;

/** Who records what the platform does by itself (deadlines). */
export const SYSTEM_ACTOR: Actor = { id: 'system', name: '系统（时限监控）', roles: [] };

/** The event a machine receives: the logged payload plus who, when and which branch; built from the log, so replay is exact. */
export interface MachineEvent {
	type: string;
	seq: number;
	at: string;
	by: string;
	branch?: string;
	branches: string[];
	[key: string]: unknown;
}

export const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();

/** One event type: its payload, its label, how a form posts it, and what it changes in the case context. */
export interface EventModule {
	label: string;
	payload: z.ZodType<Record<string, unknown>>;
	/** who sends it whichever state offers it: the applicant, or the platform */
	sender?: 'applicant' | 'system';
	/** the posted action form's fields → the payload (the workbench and portal post plain HTML forms) */
	fromForm?(f: FormData): Record<string, unknown>;
	/** the context change the event makes in every transition it takes (an xstate assign); must be idempotent */
	assign?(context: import('../state').CaseContext, event: MachineEvent): Partial<import('../state').CaseContext>;
}

export const withReason = (label: string): EventModule => ({ label, payload: z.strictObject({ reason }), fromForm: (f) => ({ reason: text(f, 'reason') }) });
export const withOpinion = (label: string): EventModule => ({
	label,
	payload: z.strictObject({ opinion }),
	fromForm: (f) => (text(f, 'opinion') ? { opinion: text(f, 'opinion') } : {})
});
