/** 好差评 (国办发〔2019〕51号): one rating per case, 差评 called back, verified, rectified and answered. */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditEntry } from './audit';
import { localDate } from './calendar';
import { HttpError, forbidden, invalid, notFound } from './errors';
import type { Actor, FollowUpStatus, FollowUpStep, FollowUpStepKind, Rating, RatingGrade, Store } from './store';
import type { TimeSource } from './time';
import { WebhookFanout } from './webhooks';
import { ASPECT_LABELS, FOLLOW_UP_STATUS_LABELS, GRADE_LABELS, STEP_LABELS } from './rating-labels';

export { ASPECT_LABELS, FOLLOW_UP_STATUS_LABELS, GRADE_LABELS, STEP_LABELS };

/** Calendar days a 差评 must be followed up within. */
export const FOLLOW_UP_DAYS = 10;

/** 不满意 and 非常不满意 are 差评. */
export const isPoor = (grade: number) => grade === 1 || grade === 2;

const gradeOf = (label: string) => {
	const message = `${label}须为 1–5 的整数（5=非常满意，1=非常不满意）`;
	return z.number({ message }).int({ message }).min(1, { message }).max(5, { message }) as unknown as z.ZodType<RatingGrade>;
};
const unknownKey = { error: (i: { code?: string; keys?: string[] }) => (i.code === 'unrecognized_keys' ? `不支持的字段：${i.keys?.join('、')}` : undefined) };

export const RatingInput = z.strictObject(
	{
		grade: gradeOf('总体评价'),
		aspects: z.strictObject(
			{ attitude: gradeOf(ASPECT_LABELS.attitude), efficiency: gradeOf(ASPECT_LABELS.efficiency), quality: gradeOf(ASPECT_LABELS.quality) },
			{ error: (i) => (i.code === 'unrecognized_keys' ? `不支持的评价维度：${i.keys.join('、')}` : '请对服务态度、办事效率、服务质量分别评价') }
		),
		comment: z.string({ message: '评价内容须为文字' }).trim().max(500, { message: '评价内容不能超过 500 字' }).optional()
	},
	unknownKey
);
export type RatingInput = z.infer<typeof RatingInput>;

const note = z.string({ message: '请填写说明' }).trim().min(1, { message: '请填写说明' }).max(1000, { message: '说明不能超过 1000 字' });
const date = z
	.string({ message: '请填写整改期限（YYYY-MM-DD）' })
	.regex(/^\d{4}-\d{2}-\d{2}$/, { message: '整改期限应为 YYYY-MM-DD 格式的日期' })
	.refine((s) => !Number.isNaN(Date.parse(s)) && new Date(s).toISOString().slice(0, 10) === s, { message: '整改期限不是有效日期' });

export const FollowUpInput = z.discriminatedUnion(
	'kind',
	[
		z.strictObject({ kind: z.literal('callback'), note }, unknownKey),
		z.strictObject({ kind: z.literal('verification'), note, justified: z.boolean({ message: '请说明差评是否属实（justified: true/false）' }) }, unknownKey),
		z.strictObject({ kind: z.literal('rectification'), note, deadline: date }, unknownKey),
		z.strictObject({ kind: z.literal('outcome'), note }, unknownKey)
	],
	{ error: () => '步骤类型 kind 应为 callback（回访）、verification（核实）、rectification（整改）或 outcome（反馈结果）' }
);
export type FollowUpInput = z.infer<typeof FollowUpInput>;

function parse<T>(schema: z.ZodType<T>, raw: unknown, message: string): T {
	const r = schema.safeParse(raw);
	if (!r.success)
		throw invalid(
			message,
			r.error.issues.map((i) => ({ path: i.path.join('.') || '(根)', message: i.message }))
		);
	return r.data;
}

const justifiedOf = (r: Rating) => r.followUp?.steps.find((s) => s.kind === 'verification')?.justified;

/** Why `kind` may not follow now, or undefined when it may. */
export function stepRefusal(status: FollowUpStatus, justified: boolean | undefined, kind: FollowUpStepKind): string | undefined {
	if (status === 'closed') return '该差评已办结并已告知申请人，不能再添加处理步骤';
	switch (kind) {
		case 'callback':
			return status === 'open' ? undefined : '已回访过申请人，不能重复回访';
		case 'verification':
			if (status === 'open') return '请先回访申请人，再核实差评';
			return status === 'calledBack' ? undefined : '该差评已核实，不能重复核实';
		case 'rectification':
			if (status === 'open' || status === 'calledBack') return '请先核实差评是否属实，再安排整改';
			if (status === 'rectifying') return '已安排整改，不能重复安排';
			return justified ? undefined : '核实为不属实的差评无需整改，请直接告知申请人处理结果';
		case 'outcome':
			if (status === 'open' || status === 'calledBack') return '请先回访并核实差评，再告知处理结果';
			return status === 'verified' && justified ? '差评属实，须先安排整改并明确期限，再告知处理结果' : undefined;
	}
}

const NEXT_STATUS: Record<FollowUpStepKind, FollowUpStatus> = {
	callback: 'calledBack',
	verification: 'verified',
	rectification: 'rectifying',
	outcome: 'closed'
};

export type ApplicantRating = Omit<Rating, 'followUp'> & {
	followUp?: Omit<NonNullable<Rating['followUp']>, 'steps'> & { steps: Omit<FollowUpStep, 'actorId'>[] };
};

/** What the applicant sees: the rating and follow-up without staff ids. */
export function applicantView(r: Rating): ApplicantRating {
	if (!r.followUp) return r;
	return { ...r, followUp: { ...r.followUp, steps: r.followUp.steps.map(({ actorId: _, ...s }) => s) } };
}

export class RatingService {
	constructor(
		private store: Store,
		private time: TimeSource,
		private webhooks?: WebhookFanout
	) {}

	/** The applicant rates a finished case, once. A 差评 opens a follow-up due in 10 calendar days. */
	async rate(actor: Actor, caseId: string, raw: unknown): Promise<Rating> {
		const c = await this.store.cases.get(caseId);
		if (!c) throw notFound(`办件「${caseId}」`);
		if (c.applicantId !== actor.id) throw forbidden('只有该办件的申请人可以评价');
		if (c.status === 'active') throw new HttpError(409, '办件尚未办结，办结后才能评价');
		const input = parse(RatingInput, raw, '评价内容不正确');
		if (await this.store.ratings.byCase(caseId)) throw new HttpError(409, '该办件已评价，每件只能评价一次');
		const now = this.time.now();
		const rating: Rating = {
			id: `r${now.getTime().toString(36)}${randomUUID().slice(0, 8)}`,
			caseId,
			applicantId: actor.id,
			grade: input.grade,
			aspects: input.aspects,
			...(input.comment ? { comment: input.comment } : {}),
			createdAt: now.toISOString(),
			...(isPoor(input.grade)
				? { followUp: { status: 'open' as const, steps: [], deadline: new Date(now.getTime() + FOLLOW_UP_DAYS * 86400e3).toISOString() } }
				: {})
		};
		const hooks = (await this.webhooks?.forCase(c, 'rating.created', rating.createdAt, { rating: { id: rating.id, grade: rating.grade } })) ?? [];
		await this.store.ratings.create(rating);
		// the deliveries follow the rating as its audit entry does (ratings.create is a unit of its own)
		if (hooks.length) await this.store.transaction((tx) => WebhookFanout.append(tx, hooks));
		await this.store.audit.append(
			auditEntry(rating.createdAt, actor.id, 'rating.create', caseId, { ratingId: rating.id, grade: rating.grade, poor: isPoor(rating.grade) })
		);
		return rating;
	}

	/** The case's rating for its applicant or an administrator; undefined when not rated yet. */
	async forCase(actor: Actor, caseId: string): Promise<Rating | ApplicantRating | undefined> {
		const c = await this.store.cases.get(caseId);
		if (!c) throw notFound(`办件「${caseId}」`);
		const admin = actor.roles.includes('admin');
		if (!admin && c.applicantId !== actor.id) throw forbidden('您无权查看该办件的评价');
		const r = await this.store.ratings.byCase(caseId);
		return r && !admin ? applicantView(r) : r;
	}

	/** Administrators' list, one keyset page, newest first, and how many match in all; poor=true for the 差评 to follow up. */
	async page(actor: Actor, filter: { poor?: boolean }, limit: number, cursor?: string) {
		if (!actor.roles.includes('admin')) throw forbidden('只有管理员可以查看评价列表');
		const now = this.time.now().toISOString();
		const [page, total] = await Promise.all([this.store.ratings.page(filter, limit, cursor), this.store.ratings.count(filter)]);
		const rows = page.rows.map((r) => ({
			...r,
			followUpOverdue: !!r.followUp?.deadline && r.followUp.status !== 'closed' && now > r.followUp.deadline
		}));
		return { rows, next: page.next, total };
	}

	/** An administrator records the next follow-up step: callback → verification → rectification (if justified) → outcome. */
	async followUp(actor: Actor, ratingId: string, raw: unknown): Promise<Rating> {
		if (!actor.roles.includes('admin')) throw forbidden('只有管理员可以处理差评');
		const rating = await this.store.ratings.get(ratingId);
		if (!rating) throw notFound(`评价「${ratingId}」`);
		const fu = rating.followUp;
		if (!fu) throw new HttpError(409, '该评价不是差评，无需回访整改');
		const step = parse(FollowUpInput, raw, '处理步骤不正确');
		const refusal = stepRefusal(fu.status, justifiedOf(rating), step.kind);
		if (refusal) throw new HttpError(409, refusal);
		const now = this.time.now();
		if (step.kind === 'rectification' && step.deadline < localDate(now))
			throw invalid('整改期限不正确', [{ path: 'deadline', message: '整改期限不能早于今天' }]);
		const recorded: FollowUpStep = { at: now.toISOString(), actorId: actor.id, ...step };
		const expected = fu.steps.length;
		const next: Rating = {
			...rating,
			followUp: { ...fu, status: NEXT_STATUS[step.kind], steps: [...fu.steps, recorded], ...(step.kind === 'outcome' ? { outcome: step.note } : {}) }
		};
		await this.store.ratings.update(next, expected);
		await this.store.audit.append(
			auditEntry(recorded.at, actor.id, `rating.${step.kind}`, rating.caseId, {
				ratingId,
				...(step.kind === 'verification' ? { justified: step.justified } : {}),
				...(step.kind === 'rectification' ? { deadline: step.deadline } : {})
			})
		);
		return next;
	}
}
