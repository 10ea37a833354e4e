// The shipped catalog (definitions/) parsed by the model, as export sources and as compose sources.
import { readdirSync, readFileSync } from 'node:fs';
import { Bundle, Item } from '../../../runtime/core/model';
import type { ServiceSource } from '../../../runtime/core/compose';
import type { ExportSource } from '../../../runtime/core/export/rjsf';

const read = (dir: string) =>
	readdirSync(dir)
		.filter((f) => f.endsWith('.json'))
		.sort()
		.map((f) => JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')));

export const shippedItems: Item[] = read('definitions/items').map((j) => Item.parse(j));
export const shippedBundles: Bundle[] = read('definitions/bundles').map((j) => Bundle.parse(j));

const v = <T>(definition: T) => ({ definition, version: 1, hash: 'h' });
const itemById = (id: string) => shippedItems.find((i) => i.id === id)!;

/** Every item and bundle: how the export takes it and how compose takes it. */
export const shippedSources: { name: string; exported: ExportSource; composed: ServiceSource }[] = [
	...shippedItems.map((item) => ({
		name: `item ${item.id}`,
		exported: { kind: 'item' as const, item },
		composed: { kind: 'item' as const, item: v(item) }
	})),
	...shippedBundles.map((bundle) => {
		const items = bundle.members.map((m) => itemById(m.item));
		return {
			name: `bundle ${bundle.id}`,
			exported: { kind: 'bundle' as const, bundle, items },
			composed: { kind: 'bundle' as const, bundle: v(bundle), items: items.map(v) }
		};
	})
];
