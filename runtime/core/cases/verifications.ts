// 告知承诺核查: after the decision, every signed commitment is verified by the department that accepted it.
import { z } from 'zod';
import { addWorkingDays, type WorkCalendar } from '../calendar';
import type { ComposedService } from '../compose';
import type { CaseRecord, Task } from '../store';
import type { Verification } from './state';

export type { Verification };

export const VerifyBody = z.strictObject({
	version: z.number({ message: '须提供办件版本号 version（乐观并发控制）' }).int().min(0),
	result: z.enum(['confirmed', 'false'], { message: '核查结论应为 confirmed（属实）或 false（不实）' }),
	note: z.string().trim().min(2, '请填写核查情况（至少 2 个字）')
});

/** One verification per commitment and approving item, due the configured working days after the decision. */
export function verificationsFor(c: CaseRecord, service: ComposedService, calendar: WorkCalendar, now: Date): Verification[] {
	const { outcomes, commitments } = c.state.machine.context;
	const out: Verification[] = [];
	for (const materialId of commitments) {
		const m = service.materials.find((x) => x.id === materialId);
		const source = m?.sources.find((s) => s.kind === 'commitment');
		if (!m || !source || source.kind !== 'commitment') continue;
		for (const origin of m.origins) {
			if (service.kind === 'bundle' && outcomes[origin.item] !== 'approved') continue;
			const member = service.members.find((x) => x.item === origin.item);
			out.push({
				id: `${materialId}--${origin.item}`.replace(/[^A-Za-z0-9_-]/g, '_'),
				material: materialId,
				materialName: m.name,
				item: origin.item,
				department: member?.department ?? '',
				method: source.verification.method,
				dueAt: addWorkingDays(calendar, now, source.verification.withinDays),
				status: 'open'
			});
		}
	}
	return out;
}

/** Open verifications are tasks for the department's reviewers. */
export function verificationTasks(c: CaseRecord, previous: Task[]): Task[] {
	return c.state.verifications
		.filter((v) => v.status === 'open')
		.map((v) => {
			const id = `${c.id}:verify:${v.id}`;
			const prev = previous.find((t) => t.id === id);
			return {
				id,
				caseId: c.id,
				caseVersion: c.version,
				serviceId: c.service.id,
				receiptNumber: c.receiptNumber,
				statePath: `verify:${v.id}`,
				verification: true,
				role: 'reviewer',
				department: v.department,
				label: `告知承诺核查：${v.materialName}`,
				events: ['VERIFY'],
				enteredAt: c.updatedAt,
				dueAt: v.dueAt,
				claimedBy: prev?.claimedBy,
				claimedAt: prev?.claimedAt
			};
		});
}
