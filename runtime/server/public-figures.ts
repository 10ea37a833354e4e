// /figures: the reform figures of every published bundle, computed from its latest published versions (composed with
// every member included, as the studio's composer shows them when no answers are chosen), never typed in.
import { compose } from '../core/compose';
import { reformFigures } from '../core/compose/reform';
import type { App } from './app';

export interface PublicFigures {
	id: string;
	name: string;
	figures: ReturnType<typeof reformFigures>;
	/** department names of the reviewing departments */
	departments: string[];
}

/** Published versions never change: one composition per bundle version and member versions. */
const cache = new Map<string, PublicFigures>();

export async function publicFigures(app: App): Promise<PublicFigures[]> {
	const index = await app.catalog.fresh();
	const names = new Map(app.catalog.dictionaries.departments.map((d) => [d.id, d.name]));
	const out: PublicFigures[] = [];
	for (const e of index.entries.filter((x) => x.kind === 'bundle' && x.version !== undefined)) {
		const source = await app.defs.source('bundle', e.id);
		if (source.kind !== 'bundle') continue;
		const key = JSON.stringify([source.bundle.hash, source.items.map((i) => i.hash)]);
		let row = cache.get(key);
		if (!row) {
			const definition = { ...source.bundle.definition, members: source.bundle.definition.members.map(({ includeWhen: _w, ...m }) => m) };
			const composed = compose({ ...source, bundle: { ...source.bundle, definition } }, {});
			const figures = reformFigures(
				composed,
				source.items.map((v) => v.definition)
			);
			row = { id: e.id, name: source.bundle.definition.name, figures, departments: figures.departments.map((d) => names.get(d) ?? d) };
			cache.set(key, row);
		}
		out.push(row);
	}
	return out.sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}
