// Publish checks of 字段权限: every step's access names real fields and materials, and only staff steps have one.
import type { Item } from './model';
import { walkStates } from './workflow/graph';

export interface AccessProblem {
	path: (string | number)[];
	message: string;
}

const statePath = (path: string) => ['workflow', ...path.split('.').flatMap((k) => ['states', k])];

export function accessProblems(item: Item): AccessProblem[] {
	const out: AccessProblem[] = [];
	const fields = item.form.schema.properties;
	const materials = new Set(item.materials.map((m) => m.id));
	for (const { path, node } of walkStates(item.workflow)) {
		const access = node.meta?.access;
		if (!access) continue;
		const at = [...statePath(path), 'meta', 'access'];
		const step = `环节「${node.meta?.label ?? path}」的字段权限`;
		if (node.type === 'final' || !node.meta?.role || node.meta.role === 'applicant')
			out.push({ path: at, message: `${step}：只有工作人员办理的环节可以设置字段权限` });
		for (const f of Object.keys(access.fields ?? {})) if (!(f in fields)) out.push({ path: [...at, 'fields', f], message: `${step}：表单中没有字段「${f}」` });
		for (const m of Object.keys(access.materials ?? {}))
			if (!materials.has(m)) out.push({ path: [...at, 'materials', m], message: `${step}：材料清单中没有「${m}」` });
	}
	return out;
}
