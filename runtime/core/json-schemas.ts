import { z } from 'zod';
import { Bundle, Dictionaries, Item, Workflow, Form, Material, Situation } from './model';

/** JSON Schema (draft-07) of each definition kind, for editors and outside validators. */
export function modelJsonSchemas(): Record<string, object> {
	const kinds = { item: Item, bundle: Bundle, dictionaries: Dictionaries, workflow: Workflow, form: Form, material: Material, situation: Situation };
	const out: Record<string, object> = {};
	for (const [name, schema] of Object.entries(kinds)) {
		out[name] = z.toJSONSchema(schema, { target: 'draft-07', io: 'input', unrepresentable: 'any', cycles: 'ref', reused: 'inline' });
	}
	return out;
}
