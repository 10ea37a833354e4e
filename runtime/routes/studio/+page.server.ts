import { getApp } from '$server/app';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async () => {
	const app = await getApp();
	const rows = [];
	for (const kind of ['item', 'bundle'] as const)
		for (const s of await app.defs.list(kind)) {
			const r = await app.defs.record(kind, s.id);
			const def = (r.draft?.definition ?? r.versions.at(-1)?.definition) as Record<string, any>;
			rows.push({
				...s,
				type: def?.type as string | undefined,
				code: def?.implementationCode as string | undefined,
				updatedAt: r.draft?.updatedAt ?? r.versions.at(-1)?.publishedAt
			});
		}
	return { rows };
};
