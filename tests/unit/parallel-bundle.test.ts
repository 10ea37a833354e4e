// Parallel "1+N" review that decides correctly, on the shipped 民办学校设立一件事 (pure: compose + decide + clocks).
import { describe, expect, it } from 'vitest';
import { compose } from '../../runtime/core/compose';
import { checkCatalog } from '../../runtime/core/check';
import { clocks, finalStatus, offers } from '../../runtime/core/cases/engine';
import { decide, emptyContext, start } from '../../runtime/core/cases/decide';
import { makeCalendar } from '../../runtime/core/calendar';
import { statutoryHolidays } from '../../runtime/core/holidays';
import { Bundle } from '../../runtime/core/model';
import { activeLeaves } from '../../runtime/core/workflow/graph';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import type { MachineState } from '../../runtime/core/cases/state';
import type { CaseEvent } from '../../runtime/core/store';

const { catalog } = checkCatalog(readCatalogDir('definitions'));
const calendar = makeCalendar(catalog!.dictionaries.calendars, statutoryHolidays);
const answers = { stage: 'establish', nature: 'profit' };
const v = <T>(definition: T) => ({ definition, version: 1, hash: 'h1' });

function school(over: Partial<Bundle> = {}) {
	const bundle = Bundle.parse({ ...catalog!.bundles.get('minban-xuexiao'), ...over });
	const items = bundle.members.map((m) => v(catalog!.items.get(m.item)!));
	return compose({ kind: 'bundle', bundle: v(bundle), items }, answers);
}

/** Plays events at the given local times; returns the log and the state. */
function play(service: ReturnType<typeof school>, steps: [string, string, string | undefined, Record<string, unknown>?][]) {
	let state: MachineState = start(service.workflow, emptyContext({ answers }));
	const initial = state;
	const events: CaseEvent[] = [];
	steps.forEach(([at, type, branch, payload = {}], i) => {
		const iso = new Date(`${at}+08:00`).toISOString();
		const r = decide(service.workflow, state, { type, seq: i + 1, at: iso, by: 'u', branch, branches: branch ? [branch] : [], ...payload });
		expect(r.moved, `${type} ${branch ?? ''} at ${activeLeaves(state.value).join(', ')}`).toBe(true);
		state = r.state;
		events.push({ seq: i + 1, at: iso, actor: { id: 'u', name: 'u', roles: [] }, type, branch, payload, stateAfter: state.value });
	});
	return { state, initial, events };
}

const SHELI = 'minban-xuexiao-sheli';
const YINGLI = 'yingli-xuexiao-dengji';
const failedInspection = { checklist: [{ id: 'x', passed: false, required: true }] };
const problems = { problems: [{ target: { kind: 'field', id: 'school_name' }, message: '名称与章程不一致' }] };

describe('bundle members that depend on each other', () => {
	it('a denied 办学许可证 ends the 营业执照 branch with a stated reason, and nothing is issued', () => {
		const service = school();
		const { state } = play(service, [
			['2026-03-02T09:00:00', 'ACCEPT', undefined],
			['2026-03-02T10:00:00', 'PASS', YINGLI],
			['2026-03-02T11:00:00', 'APPROVE', YINGLI],
			['2026-03-03T09:00:00', 'PASS', SHELI],
			['2026-03-04T09:00:00', 'INSPECT', SHELI, failedInspection]
		]);
		expect(state.context.outcomes).toEqual({ [SHELI]: 'denied', [YINGLI]: 'denied' });
		expect(state.context.outcomeReasons[YINGLI]).toContain('民办学校');
		expect(activeLeaves(state.value)).toEqual(['denied']);
		expect(finalStatus(service.workflow, state)).toBe('denied');
	});

	it('the prerequisite approved: both members are issued at the one window', () => {
		const service = school();
		const { state } = play(service, [
			['2026-03-02T09:00:00', 'ACCEPT', undefined],
			['2026-03-02T10:00:00', 'PASS', YINGLI],
			['2026-03-02T11:00:00', 'APPROVE', YINGLI],
			['2026-03-03T09:00:00', 'PASS', SHELI],
			['2026-03-04T09:00:00', 'INSPECT', SHELI, { checklist: [] }],
			['2026-03-04T10:00:00', 'APPROVE', SHELI]
		]);
		expect(state.value).toBe('issuing');
		expect(state.context.outcomes).toEqual({ [SHELI]: 'approved', [YINGLI]: 'approved' });
	});

	it('all-or-nothing: with outcomeRule "all", one denial ends the other branch even without a named prerequisite', () => {
		const service = school({
			outcomeRule: 'all',
			members: school().pins.length ? catalog!.bundles.get('minban-xuexiao')!.members.map((m) => ({ ...m, requires: [] })) : []
		});
		const { state } = play(service, [
			['2026-03-02T09:00:00', 'ACCEPT', undefined],
			['2026-03-02T10:00:00', 'DENY', YINGLI, { reason: '名称不符合规定' }]
		]);
		expect(state.context.outcomes[SHELI]).toBe('denied');
		expect(state.value).toBe('denied');
	});
});

describe('branch 补正', () => {
	it('one department’s 补正 leaves the other department’s branch where it is', () => {
		const { state } = play(school(), [
			['2026-03-02T09:00:00', 'ACCEPT', undefined],
			['2026-03-02T10:00:00', 'REQUEST_CORRECTION', SHELI, problems]
		]);
		expect(activeLeaves(state.value).sort()).toEqual([`review.${SHELI}.reviewCorrecting`, `review.${YINGLI}.review`]);
		expect(state.context.corrections).toHaveLength(1);
		expect(state.context.corrections[0].branch).toBe(SHELI);
		expect(
			offers(school().workflow, state.value)
				.filter((o) => o.type === 'RESUBMIT')
				.map((o) => o.branch)
		).toEqual([SHELI]);
	});

	it('a 补正 in one branch stops the case clock and that branch’s clock; the other branch’s clock runs on', () => {
		const service = school();
		const c = play(service, [
			['2026-03-02T09:00:00', 'ACCEPT', undefined],
			['2026-03-02T10:00:00', 'REQUEST_CORRECTION', SHELI, problems]
		]);
		const now = new Date('2026-03-09T18:00:00+08:00');
		const branchLimits = Object.fromEntries(service.members.filter((m) => m.included).map((m) => [m.item, m.promisedLimitDays]));
		const view = clocks({
			workflow: service.workflow,
			c: { createdAt: new Date('2026-03-02T08:00:00+08:00').toISOString(), status: 'active', events: c.events, state: { ...c, machine: c.state } as never },
			limitDays: service.limits.promisedDays,
			branchLimits,
			calendar,
			now
		});
		expect(view.case.paused).toBe(true);
		expect(view.case.pausedDays).toBeGreaterThan(4);
		expect(view.branches[SHELI].paused).toBe(true);
		expect(view.branches[YINGLI].paused).toBe(false);
		expect(view.branches[YINGLI].pausedDays).toBe(0);
	});
});
