// 常用意见: opinion templates per department and step, with the legal basis they cite. A department's administrator
// (role deptAdmin) keeps its own; the platform administrator any department's. Every write is audited.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditEntry } from '../audit';
import { forbidden, invalid, notFound } from '../errors';
import type { Actor, OpinionTemplate, Store } from '../store';
import type { TimeSource } from '../time';
import { DEPT_ADMIN, managesOpinions } from './shared';

export { DEPT_ADMIN, forStep, managesOpinions, stepOf } from './shared';

export const OpinionBody = z.strictObject({
	step: z
		.string()
		.trim()
		.max(60, '环节标识最多 60 个字符')
		.regex(/^[A-Za-z0-9_-]*$/, '环节标识只能含字母、数字、- 和 _')
		.optional()
		.transform((s) => s || undefined),
	title: z.string().trim().min(1, '请填写名称').max(40, '名称最多 40 字'),
	text: z.string().trim().min(2, '请填写意见内容（至少 2 个字）').max(1000, '意见内容最多 1000 字'),
	basis: z.string().trim().min(2, '请填写依据（引用的法律、法规或规定，至少 2 个字）').max(300, '依据最多 300 字')
});
export type OpinionBody = z.infer<typeof OpinionBody>;

const issues = (e: z.ZodError) => e.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));

export class OpinionService {
	constructor(
		private store: Store,
		private time: TimeSource
	) {}

	list(department: string): Promise<OpinionTemplate[]> {
		return this.store.opinionTemplates.list(department);
	}

	private check(actor: Actor, department: string) {
		if (!managesOpinions(actor, department)) throw forbidden('只有本部门的管理员可以维护常用意见');
	}

	async create(actor: Actor, department: string, raw: unknown): Promise<OpinionTemplate> {
		this.check(actor, department);
		const p = OpinionBody.safeParse(raw);
		if (!p.success) throw invalid('常用意见填写不完整', issues(p.error));
		const at = this.time.now().toISOString();
		const t: OpinionTemplate = { id: randomUUID(), department, ...p.data, rev: 0, updatedAt: at, updatedBy: actor.id };
		if (t.step === undefined) delete t.step;
		return this.store.opinionTemplates.put(t, 0, auditEntry(at, actor.id, 'opinion.create', undefined, { template: t.id, department, title: t.title }));
	}

	/** refuses at once whoever keeps no department's templates (before saying whether a template exists) */
	private keeper(actor: Actor) {
		if (!actor.roles.includes('admin') && !actor.roles.includes(DEPT_ADMIN)) throw forbidden('只有部门管理员可以维护常用意见');
	}

	async update(actor: Actor, id: string, rev: number, raw: unknown): Promise<OpinionTemplate> {
		this.keeper(actor);
		const current = await this.store.opinionTemplates.get(id);
		if (!current) throw notFound(`常用意见「${id}」`);
		this.check(actor, current.department);
		const p = OpinionBody.safeParse(raw);
		if (!p.success) throw invalid('常用意见填写不完整', issues(p.error));
		const at = this.time.now().toISOString();
		const { step: _, ...rest } = current;
		const t: OpinionTemplate = { ...rest, ...p.data, updatedAt: at, updatedBy: actor.id };
		if (t.step === undefined) delete t.step;
		return this.store.opinionTemplates.put(
			t,
			rev,
			auditEntry(at, actor.id, 'opinion.update', undefined, { template: id, department: t.department, title: t.title })
		);
	}

	async remove(actor: Actor, id: string, rev: number): Promise<void> {
		this.keeper(actor);
		const current = await this.store.opinionTemplates.get(id);
		if (!current) throw notFound(`常用意见「${id}」`);
		this.check(actor, current.department);
		const at = this.time.now().toISOString();
		await this.store.opinionTemplates.delete(
			id,
			rev,
			auditEntry(at, actor.id, 'opinion.delete', undefined, { template: id, department: current.department, title: current.title })
		);
	}
}
