// 一趟不用跑 and paper originals: a paper 原件 is checked at a window, so an item claiming no visit cannot require one.
import type { Item } from './model';
import { jsonPath, type DefinitionIssue } from './issues';

/** Materials of a 0-visit item that require a paper original (原件), each at its `forms` entry. */
export function visitIssues(item: Item, file: string): DefinitionIssue[] {
	if (item.visits !== 0) return [];
	const out: DefinitionIssue[] = [];
	item.materials.forEach((m, i) => {
		const j = m.forms.indexOf('original');
		if (j < 0) return;
		out.push({
			file,
			path: jsonPath(['materials', i, 'forms', j]),
			severity: 'error',
			message: `材料「${m.name}」要求纸质原件，但事项的到办事现场次数为 0（一趟不用跑）：原件须到现场核验。请改为电子材料或复印件，或把到办事现场次数改为 1`
		});
	});
	return out;
}
