// What a condition row can read: the item's situations (办事情形) and its form fields.
type Json = Record<string, any>;
export interface ConditionField {
	name: string;
	title: string;
	/** JSON Schema type: numbers compare as numbers, yes/no fields as booleans */
	type?: string;
	/** the values a choice field can take, and the names shown for them */
	options?: string[];
	optionNames?: string[];
}
export interface ConditionSources {
	questions: Json[];
	fields: ConditionField[];
}

/** The fields a condition of one field may read: every other top-level field except repeatable groups. */
export function conditionFields(fields: { name: string; schema: Json; ui?: Json }[], except?: string): ConditionField[] {
	return fields
		.filter((f) => f.name !== except && !(f.schema.type === 'array' && f.schema.items?.type === 'object'))
		.map((f) => {
			const options: string[] | undefined = f.schema.type === 'array' ? f.schema.items?.enum : f.schema.type === 'boolean' ? ['true', 'false'] : f.schema.enum;
			const optionNames: string[] | undefined = f.schema.type === 'boolean' ? ['是（已勾选）', '否（未勾选）'] : f.ui?.['ui:enumNames'];
			return { name: f.name, title: f.schema.title ?? f.name, type: f.schema.type, options, optionNames };
		});
}
