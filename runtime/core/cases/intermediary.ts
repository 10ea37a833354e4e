// 中介服务 on a case: when each intermediary service the items name started and finished, read from the case's log
// (INTERMEDIARY events); their time is left out of the promise clock, as 特别程序 time is.
import { z } from 'zod';
import type { Pause } from '../calendar';
import type { CaseEvent } from '../store';

export const IntermediaryBody = z.strictObject({
	service: z.string().trim().min(1, '请选择中介服务'),
	action: z.enum(['start', 'finish'], { message: '操作应为 start（开始）或 finish（完成）' }),
	version: z.number({ message: '须提供办件版本号 version（乐观并发控制）' }).int().min(0),
	note: z.string().trim().max(500, '说明最多 500 字').optional()
});
export type IntermediaryBody = z.infer<typeof IntermediaryBody>;

export interface IntermediaryRun {
	service: string;
	/** the member item that names the service */
	item: string;
	name: string;
	startedAt: string;
	finishedAt?: string;
	note?: string;
}

/** Every intermediary service run of the case, in the order they started. */
export function intermediaryRuns(events: Pick<CaseEvent, 'type' | 'at' | 'payload'>[]): IntermediaryRun[] {
	const runs: IntermediaryRun[] = [];
	for (const e of events) {
		if (e.type !== 'INTERMEDIARY') continue;
		const p = e.payload as { service: string; item: string; name: string; action: 'start' | 'finish'; note?: string };
		if (p.action === 'start') runs.push({ service: p.service, item: p.item, name: p.name, startedAt: e.at, ...(p.note ? { note: p.note } : {}) });
		else {
			const run = runs.find((r) => r.service === p.service && !r.finishedAt);
			if (run) Object.assign(run, { finishedAt: e.at }, p.note ? { note: p.note } : {});
		}
	}
	return runs;
}

/** The time intermediary services ran (of one member item, or all): not counted in the limit. */
export function intermediaryPauses(events: Pick<CaseEvent, 'type' | 'at' | 'payload'>[], item?: string): Pause[] {
	return intermediaryRuns(events)
		.filter((r) => !item || r.item === item)
		.map((r) => ({ from: r.startedAt, ...(r.finishedAt ? { to: r.finishedAt } : {}) }));
}

/** Overlapping pauses counted once (an open pause runs to now). */
export function mergePauses(pauses: Pause[]): Pause[] {
	const sorted = [...pauses].sort((a, b) => a.from.localeCompare(b.from));
	const out: Pause[] = [];
	for (const p of sorted) {
		const last = out.at(-1);
		if (last && (last.to === undefined || p.from <= last.to)) {
			if (last.to !== undefined && (p.to === undefined || p.to > last.to)) last.to = p.to;
		} else out.push({ ...p });
	}
	return out;
}
