// What the browser needs of material marks and opinion templates (no server-only imports here).
import type { Actor, OpinionTemplate } from '../store';

export const MARK_STATUS = { checked: '已核', problem: '有问题' } as const;

/** The role of a department's administrator: keeps the department's 常用意见. */
export const DEPT_ADMIN = 'deptAdmin';

/** Whether the actor keeps this department's templates: its 部门管理员, or the platform administrator. */
export const managesOpinions = (actor: Pick<Actor, 'roles' | 'department'>, department: string) =>
	actor.roles.includes('admin') || (actor.roles.includes(DEPT_ADMIN) && actor.department === department);

/** The step key of a workflow state path (review.edu-confirm.review → review). */
export const stepOf = (statePath: string) => statePath.split('.').pop() ?? statePath;

/** The templates that fit one step: those for that step, then those for every step. */
export function forStep(templates: OpinionTemplate[], statePath: string): OpinionTemplate[] {
	const step = stepOf(statePath);
	return [...templates.filter((t) => t.step === step), ...templates.filter((t) => t.step === undefined)];
}

export type ViewerKind = 'pdf' | 'image' | 'other';
/** A material's file as the viewer opens it. */
export interface ViewerFile {
	id: string;
	name: string;
	kind: ViewerKind;
}
/** An electronic licence (电子证照) shown as its data. */
export interface LicenceData {
	id: string;
	type: string;
	name: string;
	number: string;
	issuer: string;
	holderName: string;
	issuedAt: string;
	validUntil?: string;
	revokedAt?: string;
	data: Record<string, string>;
}
