// The composer's member picker: catalog items not yet members, matched by name, id or department, grouped by department.

export interface Candidate {
	id: string;
	name: string;
	department: string;
}

export interface CandidateGroup {
	department: string;
	name: string;
	items: Candidate[];
}

/** Each word of the query must appear in the item's name, id or department name (letters in any case). */
export function matches(c: Candidate, departmentName: string, query: string): boolean {
	const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
	const text = `${c.name} ${c.id} ${departmentName}`.toLowerCase();
	return words.every((w) => text.includes(w));
}

/**
 * The candidates for `query`, grouped by department: departments in dictionary order (any not in the dictionary after
 * them, by id), items by name within a department.
 */
export function candidateGroups(
	items: Candidate[],
	members: string[],
	departments: { id: string; name: string }[],
	query: string
): { groups: CandidateGroup[]; count: number } {
	const names = new Map(departments.map((d) => [d.id, d.name]));
	const rank = new Map(departments.map((d, i) => [d.id, i]));
	const taken = new Set(members);
	const byDept = new Map<string, Candidate[]>();
	for (const c of items) {
		if (taken.has(c.id) || !matches(c, names.get(c.department) ?? c.department, query)) continue;
		const list = byDept.get(c.department);
		if (list) list.push(c);
		else byDept.set(c.department, [c]);
	}
	const groups = [...byDept.entries()]
		.sort(([a], [b]) => (rank.get(a) ?? Infinity) - (rank.get(b) ?? Infinity) || a.localeCompare(b))
		.map(([department, list]) => ({
			department,
			name: names.get(department) ?? department,
			items: list.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
		}));
	return { groups, count: groups.reduce((n, g) => n + g.items.length, 0) };
}
