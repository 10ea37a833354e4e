// A reviewer's posted action form → the event body the case service expects.
const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();

export function eventFromForm(f: FormData): Record<string, unknown> {
	const type = text(f, 'type');
	const body: Record<string, unknown> = { type, version: Number(f.get('version')) };
	const branch = text(f, 'branch');
	if (branch) body.branch = branch;
	switch (type) {
		case 'REJECT':
		case 'DENY':
		case 'RETURN':
			body.reason = text(f, 'reason');
			break;
		case 'START_SPECIAL':
			Object.assign(body, { kind: text(f, 'kind'), reason: text(f, 'reason') });
			break;
		case 'REQUEST_CORRECTION': {
			const targets = f.getAll('problem.target').map(String);
			const messages = f.getAll('problem.message').map(String);
			body.problems = targets
				.map((t, i) => ({ t, message: (messages[i] ?? '').trim() }))
				.filter((p) => p.t && p.message)
				.map(({ t, message }) => ({ target: { kind: t.startsWith('material:') ? 'material' : 'field', id: t.replace(/^(field|material):/, '') }, message }));
			break;
		}
		case 'INSPECT': {
			// a standard left unticked is left out, so the service names it
			body.checklist = f
				.getAll('check.id')
				.map(String)
				.filter((id) => text(f, `check.${id}`))
				.map((id) => ({ id, passed: text(f, `check.${id}`) === 'pass', ...(text(f, `remark.${id}`) ? { remark: text(f, `remark.${id}`) } : {}) }));
			break;
		}
		case 'EXPERT_REVIEW':
			Object.assign(body, { conclusion: text(f, 'conclusion'), opinion: text(f, 'opinion') });
			break;
		case 'ISSUE':
			body.delivery = text(f, 'delivery') || 'online';
			break;
		default:
			if (text(f, 'opinion')) body.opinion = text(f, 'opinion');
	}
	return body;
}
