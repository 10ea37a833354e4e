// The composer's 前置事项 and 办结规则: choices, edits, and issues (live and from the server) placed at their controls.
import { describe, expect, it } from 'vitest';
import { issuesAt, pathSegments, placeIssues, prerequisiteChoices, removeMember, setRequires, validateBundle } from '../../studio/state/bundle';
import { compose } from '../../runtime/core/compose';
import { dictionaries, parsedBundle, parsedItems, versioned } from './fixtures/catalog';

const items = () => parsedItems().map((i) => versioned(i));
const guideOf = (bundle: any) => compose({ kind: 'bundle', bundle: versioned(parsedBundle(bundle)), items: items() }, { kind: 'both' }).guide;

describe('bundle composer: 前置事项 and 办结规则', () => {
	it('ticks a prerequisite in member order, offers only the other members, and the guide says it', () => {
		let b: any = parsedBundle();
		expect(prerequisiteChoices(b, 2).map((p) => [p.item, p.checked])).toEqual([
			['edu-confirm', false],
			['ovs-confirm', false]
		]);
		b = setRequires(b, 2, 'ovs-confirm', true);
		b = setRequires(b, 2, 'edu-confirm', true);
		expect(b.members[2].requires).toEqual(['edu-confirm', 'ovs-confirm']);
		expect(prerequisiteChoices(b, 2).map((p) => [p.item, p.at])).toEqual([
			['edu-confirm', 0],
			['ovs-confirm', 1]
		]);
		// the other way round would close a loop: offered, but flagged
		expect(prerequisiteChoices(b, 0).find((p) => p.item === 'eth-confirm')).toMatchObject({ checked: false, cycle: true });
		expect(validateBundle(b, items(), dictionaries).filter((i) => i.severity === 'error')).toEqual([]);
		const rules = guideOf({ ...b, outcomeRule: 'each' }).outcomeRules;
		expect(rules[0]).toContain('分别审批');
		expect(rules[1]).toMatch(/^「.+」以「.+」「.+」获准为前提/);
		expect(guideOf({ ...b, outcomeRule: 'all' }).outcomeRules[0]).toContain('全部获准');
		b = setRequires(b, 2, 'edu-confirm', false);
		expect(b.members[2].requires).toEqual(['ovs-confirm']);
	});

	it('removing a member takes it out of the others’ 前置事项', () => {
		const b = setRequires(parsedBundle(), 2, 'ovs-confirm', true);
		const after = removeMember(b, 1);
		expect(after.members.map((m: any) => m.item)).toEqual(['edu-confirm', 'eth-confirm']);
		expect(after.members[1].requires).toEqual([]);
	});

	it('a loop and a stray entry are shown at their checkboxes, so they can be unticked', () => {
		let b: any = setRequires(parsedBundle(), 0, 'ovs-confirm', true);
		b = { ...b, members: b.members.map((m: any, i: number) => (i === 1 ? { ...m, requires: ['edu-confirm', 'gone-item'] } : m)) };
		const placed = placeIssues(validateBundle(b, items(), dictionaries));
		expect(
			issuesAt(placed, ['members', 1, 'requires', 0])
				.map((i) => i.message)
				.join()
		).toContain('循环');
		expect(
			issuesAt(placed, ['members', 1, 'requires', 1])
				.map((i) => i.message)
				.join()
		).toContain('不是本一件事的成员');
		const choices = prerequisiteChoices(b, 1);
		expect(choices.find((p) => p.item === 'gone-item')).toMatchObject({ checked: true, at: 1, stray: true });
		// the member-level list leaves out what its checkboxes already show
		expect(issuesAt(placed, ['members', 1], [['requires']])).toEqual([]);
	});

	it('the server’s errors, in either path style, land at the same control, once', () => {
		expect(pathSegments('members[2].requires[0]')).toEqual(['members', 2, 'requires', 0]);
		expect(pathSegments('members.2.requires.0')).toEqual(['members', 2, 'requires', 0]);
		expect(pathSegments('(根)')).toEqual([]);
		const cycle = { path: 'members[2].requires[0]', segments: ['members', 2, 'requires', 0], place: '成员事项「医保」的前置事项', message: '前置事项循环' };
		const live = [{ ...cycle, severity: 'error' as const, tab: 'compose' }];
		const placed = placeIssues(live, [
			{ path: 'members[2].requires[0]', message: '前置事项循环' },
			{ path: 'members.2.requires.0', message: '服务端：前置事项已停用' },
			{ path: 'outcomeRule', message: '办结规则不正确' }
		]);
		expect(issuesAt(placed, ['members', 2, 'requires', 0]).map((i) => i.message)).toEqual(['前置事项循环', '服务端：前置事项已停用']);
		expect(issuesAt(placed, ['outcomeRule']).map((i) => i.message)).toEqual(['办结规则不正确']);
		expect(issuesAt(placed, ['members', 2, 'requires'], [[0]])).toEqual([]);
	});
});
