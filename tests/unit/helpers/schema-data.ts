// Seeded random data for a JSON Schema: valid values, and the ways applicants get them wrong (missing, wrong type,
// off-by-one lengths and limits, bad ID numbers, phones and dates, duplicates, extra keys).
type Schema = Record<string, any>;

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence for the same seed. */
export function rng(seed: number): Rng {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export const int = (r: Rng, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
export const pick = <T>(r: Rng, list: readonly T[]): T => list[Math.floor(r() * list.length)];
const chars = (r: Rng, alphabet: string, n: number) => Array.from({ length: n }, () => pick(r, [...alphabet])).join('');
const DIGITS = '0123456789';
const TEXT = ['张', '李', '王', '明', '华', 'a', 'B', '1', ' ', '-', '😀', '𠮷'];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
function idNumber(r: Rng, broken = false): string {
	const y = int(r, 1940, 2015);
	const m = int(r, 1, 12);
	const d = int(r, 1, 28);
	const body = `${pick(r, ['110105', '350502', '440305'])}${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${chars(r, DIGITS, 3)}`;
	const check = '10X98765432'[ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(body[i]), 0) % 11];
	if (!broken) return body + check;
	return pick(r, [
		body + (check === '0' ? '1' : '0'),
		`${body.slice(0, 10)}0230${body.slice(14)}${check}`,
		`${body.slice(0, 6)}2999${body.slice(10)}${check}`,
		body,
		`${body}x`
	]);
}

const CREDIT = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
function creditCode(r: Rng, broken = false): string {
	const body = chars(r, CREDIT, 2) + chars(r, DIGITS, 6) + chars(r, CREDIT, 9);
	const check = CREDIT[(31 - (CREDIT_WEIGHTS.reduce((acc, w, i) => acc + w * CREDIT.indexOf(body[i]), 0) % 31)) % 31];
	return broken ? body + pick(r, ['I', 'O', CREDIT[(CREDIT.indexOf(check) + 1) % 31]]) : body + check;
}

const pad = (n: number) => String(n).padStart(2, '0');
/** Valid and invalid samples of each format forms use; other formats get random text. */
const FORMAT_SAMPLES: Record<string, { valid: (r: Rng) => string; invalid: (r: Rng) => string }> = {
	'id-number': { valid: (r) => idNumber(r), invalid: (r) => idNumber(r, true) },
	'credit-code': { valid: (r) => creditCode(r), invalid: (r) => creditCode(r, true) },
	phone: {
		valid: (r) => pick(r, [`1${int(r, 3, 9)}${chars(r, DIGITS, 9)}`, `0591-${chars(r, DIGITS, 8)}`, '400-123-4567', '12345']),
		invalid: (r) => pick(r, [`1${chars(r, DIGITS, 9)}`, `2${chars(r, DIGITS, 10)}`, '0591-123', '+86 13900000000', ''])
	},
	postcode: { valid: (r) => chars(r, DIGITS, 6), invalid: (r) => chars(r, DIGITS, pick(r, [5, 7])) },
	'file-id': { valid: (r) => chars(r, 'abcXYZ019_-', int(r, 1, 20)), invalid: (r) => pick(r, ['../etc/passwd', 'a b', '', '文件']) },
	date: {
		valid: (r) => `${int(r, 1950, 2030)}-${pad(int(r, 1, 12))}-${pad(int(r, 1, 28))}`,
		invalid: (r) => pick(r, ['2023-02-29', '2024-13-01', '2024/01/01', '2024-1-1', '2024-04-31', '20240101', '2024-02-30'])
	},
	time: { valid: () => '12:30:00Z', invalid: (r) => pick(r, ['25:00:00Z', '12:30', '12:60:00+08:00']) },
	'date-time': { valid: () => '2024-05-01T08:00:00+08:00', invalid: (r) => pick(r, ['2024-05-01 08:00', '2024-05-01T25:00:00Z']) },
	email: { valid: (r) => `${chars(r, 'abc', 3)}@example.cn`, invalid: (r) => pick(r, ['a@', '@b.cn', 'a b@c.cn', '张三@例子']) },
	uri: { valid: () => 'https://www.gov.cn/a?b=1', invalid: (r) => pick(r, ['www.gov.cn', 'http//x', '/relative']) },
	uuid: { valid: () => '123e4567-e89b-12d3-a456-426614174000', invalid: () => '123e4567-e89b-12d3-a456' },
	ipv4: { valid: () => '192.168.1.1', invalid: () => '256.1.1.1' }
};

function stringFor(r: Rng, s: Schema): string {
	if (s.format && FORMAT_SAMPLES[s.format]) return FORMAT_SAMPLES[s.format].valid(r);
	// ^[class]{m,n}$ patterns, the kind forms use
	const m = typeof s.pattern === 'string' ? /^\^\[([^\]]+)\]\{(\d+)(?:,(\d+))?\}\$$/.exec(s.pattern) : null;
	if (m) {
		const alphabet = m[1].replace(/A-Z/, 'ABCXYZ').replace(/a-z/, 'abcxyz').replace(/0-9/, DIGITS);
		return chars(r, alphabet, int(r, Number(m[2]), Number(m[3] ?? m[2])));
	}
	const lo = s.minLength ?? 0;
	const hi = s.maxLength ?? Math.max(lo, 12);
	return chars(r, TEXT.filter((c) => c.length === 1 || r() < 0.3).join(''), int(r, lo, Math.min(hi, lo + 20)));
}

function numberFor(r: Rng, s: Schema): number {
	const lo = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
	const hi = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 1000);
	const n = lo + r() * Math.max(0, hi - lo);
	const v = s.type === 'integer' || s.multipleOf ? Math.round(n) : Math.round(n * 100) / 100;
	return s.multipleOf ? Math.round(v / s.multipleOf) * s.multipleOf : v;
}

const typeOf = (s: Schema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** A value the schema accepts (usually: patterns beyond ^[..]{m,n}$ and composed schemas may miss). */
export function validValue(r: Rng, s: Schema, depth = 0): unknown {
	if (s.const !== undefined) return structuredClone(s.const);
	if (Array.isArray(s.enum)) return structuredClone(pick(r, s.enum));
	if (s.anyOf || s.oneOf) return validValue(r, { ...s, anyOf: undefined, oneOf: undefined, ...pick(r, s.anyOf ?? s.oneOf) }, depth);
	switch (typeOf(s)) {
		case 'string':
			return stringFor(r, s);
		case 'number':
		case 'integer':
			return numberFor(r, s);
		case 'boolean':
			return r() < 0.5;
		case 'null':
			return null;
		case 'array': {
			const n = int(r, s.minItems ?? 0, Math.min(s.maxItems ?? 3, (s.minItems ?? 0) + 3));
			const items = Array.from({ length: n }, () => validValue(r, s.items ?? {}, depth + 1));
			return s.uniqueItems ? [...new Map(items.map((x) => [JSON.stringify(x), x])).values()] : items;
		}
		case 'object':
			return objectFor(r, s, depth, 0);
		default:
			return randomJson(r, depth);
	}
}

/** An object for an object schema: each field valid, wrong in some way, or missing (none missing or wrong when wrongRate is 0). */
export function objectFor(r: Rng, s: Schema, depth: number, wrongRate = 0.35): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	const missRate = wrongRate && 0.12;
	for (const [k, sub] of Object.entries<Schema>(s.properties ?? {})) {
		const roll = r();
		if (roll < missRate) continue;
		out[k] = roll < missRate + wrongRate ? wrongValue(r, sub, depth + 1) : validValue(r, sub, depth + 1);
	}
	if (wrongRate && r() < 0.15) out[pick(r, ['extra', 'x', 'a/b', 'c~d', '名称'])] = randomJson(r, depth + 1);
	return out;
}

/** A value that is wrong for the schema in one of the ways applicants and broken clients get it wrong. */
export function wrongValue(r: Rng, s: Schema, depth = 0): unknown {
	const t = typeOf(s);
	const roll = r();
	if (roll < 0.2) return pick(r, [123, 1.5, -0, '文本', '', true, false, null, [], {}, NaN, Infinity, [1, 1], { a: 1 }, '123']);
	if (Array.isArray(s.enum) && roll < 0.5) return pick(r, ['不在选项中', 0, `${s.enum[0]} `, [s.enum[0]]]);
	if (t === 'string') {
		if (s.format && FORMAT_SAMPLES[s.format] && roll < 0.7) return FORMAT_SAMPLES[s.format].invalid(r);
		const lengths = [s.minLength, s.maxLength].filter((x) => x !== undefined).flatMap((x: number) => [x - 1, x, x + 1]);
		const n = Math.max(0, lengths.length ? pick(r, lengths) : int(r, 0, 30));
		const pad = pick(r, ['汉', 'a', '😀', '9']);
		if (roll < 0.85) return pad.repeat(n);
		return stringFor(r, { ...s, format: undefined }) + pick(r, ['', 'x', ' ', '\n', '1']);
	}
	if (t === 'number' || t === 'integer') {
		const edges = [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum].filter((x) => x !== undefined) as number[];
		const near = edges.flatMap((x) => [x - 1, x - 0.5, x, x + 0.5, x + 1]);
		return pick(r, [...near, 0.1, 2.5, 1e21, -1, 3, 7, 12, NaN, '12', Number.MAX_SAFE_INTEGER]);
	}
	if (t === 'array') {
		const item = s.items ?? {};
		const variants = [
			[],
			Array.from({ length: (s.maxItems ?? 3) + 1 }, () => validValue(r, item, depth + 1)),
			[validValue(r, item, depth + 1), validValue(r, item, depth + 1)].flatMap((x) => [x, structuredClone(x)]),
			[wrongValue(r, item, depth + 1), validValue(r, item, depth + 1)],
			item.type === 'object'
				? [objectFor(r, item, depth + 1, 0.6), 'not an object']
				: pick(r, [
						['a', 1, 'a', true, 1],
						[1, '1', 2],
						['2', 2]
					])
		];
		return pick(r, variants);
	}
	if (t === 'object') return pick(r, [objectFor(r, s, depth, 0.7), [], 'x', {}]);
	return randomJson(r, depth);
}

export function randomJson(r: Rng, depth = 0): unknown {
	const roll = r();
	if (depth > 2 || roll < 0.6) return pick(r, [0, 1, -2.5, 7, '', 'a', '名称', '2024-01-01', true, false, null, NaN]);
	if (roll < 0.8) return Array.from({ length: int(r, 0, 3) }, () => randomJson(r, depth + 1));
	return Object.fromEntries(Array.from({ length: int(r, 0, 3) }, () => [pick(r, ['a', 'b', 'name', 'x/y']), randomJson(r, depth + 1)]));
}
