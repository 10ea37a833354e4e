// The bundle composer's member picker: search by name, id and department; groups by department in dictionary order.
import { describe, expect, it } from 'vitest';
import { candidateGroups, matches } from '../../studio/state/member-picker';

const departments = [
	{ id: 'edu', name: '泉州市教育局' },
	{ id: 'civ', name: '泉州市民政局' },
	{ id: 'mkt', name: '泉州市市场监督管理局' }
];
const items = [
	{ id: 'minfei-dengji', name: '民办非企业单位成立登记', department: 'civ' },
	{ id: 'sheli', name: '民办学校设立审批', department: 'edu' },
	{ id: 'choushe', name: '民办学校筹设审批', department: 'edu' },
	{ id: 'yingli', name: '营利性民办学校设立登记', department: 'mkt' },
	{ id: 'stray', name: '未登记部门的事项', department: 'zzz' },
	...Array.from({ length: 20 }, (_, i) => ({ id: `edu-${i}`, name: `教育事项${String(i).padStart(2, '0')}`, department: 'edu' }))
];

describe('member picker', () => {
	it('groups every candidate by department, departments in dictionary order, unknown ones last', () => {
		const { groups, count } = candidateGroups(items, [], departments, '');
		expect(groups.map((g) => g.name)).toEqual(['泉州市教育局', '泉州市民政局', '泉州市市场监督管理局', 'zzz']);
		// all of them, not the first twelve
		expect(count).toBe(items.length);
		expect(groups[0].items).toHaveLength(22);
	});

	it('leaves out members already in the bundle', () => {
		const { groups, count } = candidateGroups(items, ['sheli', 'minfei-dengji'], departments, '');
		expect(count).toBe(items.length - 2);
		expect(groups.map((g) => g.department)).toEqual(['edu', 'mkt', 'zzz']);
	});

	it('finds by name, by id and by department name; every word must match', () => {
		const names = (q: string) => candidateGroups(items, [], departments, q).groups.flatMap((g) => g.items.map((i) => i.id));
		expect(names('设立')).toEqual(['sheli', 'yingli']);
		expect(names('MINFEI')).toEqual(['minfei-dengji']);
		expect(names('民政局')).toEqual(['minfei-dengji']);
		expect(names('教育局 筹设')).toEqual(['choushe']);
		expect(names('没有这种事项')).toEqual([]);
		expect(matches(items[0], '泉州市民政局', '  ')).toBe(true);
	});
});
