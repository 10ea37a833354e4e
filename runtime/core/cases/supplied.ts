// Materials provided after submission (补正, 补交容缺): what they settle in the case, and the 容缺 clock that starts at 受理.
import { addWorkingDays, type WorkCalendar } from '../calendar';
import type { ComposedMaterial } from '../compose';
import type { ProvidedMaterial } from './events';

type Context = Record<string, unknown>;
type Pending = { material: string; dueAt: string };

/** After submission a material must really be provided: it cannot be deferred (again). */
export const deferredAgain = (provided: Record<string, ProvidedMaterial>) =>
	Object.entries(provided)
		.filter(([, p]) => p.source === 'deferred')
		.map(([id]) => ({ path: `materials.${id}`, message: '补正或补交时须实际提供材料，不能再容缺' }));

/** A material now provided leaves the 容缺 list; one given by commitment is verified after the decision like the others. */
export function settle(context: Context, provided: Record<string, ProvidedMaterial>) {
	const given = Object.entries(provided).filter(([, p]) => p.source !== 'deferred');
	context.pending = ((context.pending as Pending[]) ?? []).filter((p) => !given.some(([id]) => id === p.material));
	const commitments = new Set((context.commitments as string[]) ?? []);
	for (const [id, p] of given) if (p.source === 'commitment') commitments.add(id);
	context.commitments = [...commitments];
}

/** The time to supply a 容缺 material runs from 受理 (acceptance), as the guide promises. */
export function startDeferredClock(context: Context, materials: ComposedMaterial[], calendar: WorkCalendar, acceptedAt: Date) {
	context.pending = ((context.pending as Pending[]) ?? []).map((p) => {
		const m = materials.find((x) => x.id === p.material);
		return m?.deferrable.allowed ? { ...p, dueAt: addWorkingDays(calendar, acceptedAt, m.deferrable.withinDays) } : p;
	});
}

/** What an event changes in the case context besides the machine's transition; act() and replay() both call it, so logs replay exactly. */
export function settleBefore(type: string, payload: Record<string, any>, context: Context, materials: ComposedMaterial[], calendar: WorkCalendar, at: string) {
	if (type === 'ACCEPT') startDeferredClock(context, materials, calendar, new Date(at));
	if (type === 'RESUBMIT') settle(context, payload.materials ?? {});
	if (type === 'SUPPLY') settle(context, { [payload.material]: payload.provided });
}
