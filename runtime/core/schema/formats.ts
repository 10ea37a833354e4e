// The formats the server's ajv knows (ajv-formats' full set plus ours), as plain functions for the interpreter.
import { fullFormats } from 'ajv-formats/dist/formats';
import { FORMATS } from '../formats';

export interface FormatCheck {
	/** the data type the format applies to; other types pass */
	type: 'string' | 'number';
	test: (value: any) => boolean;
}

type Def = RegExp | ((x: any) => boolean) | { type?: 'string' | 'number'; validate: RegExp | ((x: any) => boolean) } | true;

function check(def: Def): FormatCheck | undefined {
	if (def === true) return undefined;
	if (def instanceof RegExp) return { type: 'string', test: (x) => def.test(x) };
	if (typeof def === 'function') return { type: 'string', test: def };
	const v = def.validate;
	return { type: def.type ?? 'string', test: v instanceof RegExp ? (x) => v.test(x) : v };
}

const defs: Record<string, Def> = { ...(fullFormats as Record<string, Def>), ...FORMATS };

/** Every format name a form may use; an unknown name is refused when a definition is checked. */
export const FORMAT_NAMES: ReadonlySet<string> = new Set(Object.keys(defs));

export const FORMAT_CHECKS: ReadonlyMap<string, FormatCheck> = new Map(
	Object.entries(defs).flatMap(([name, def]) => {
		const c = check(def);
		return c ? [[name, c] as const] : [];
	})
);
