// Compose and server validation on realistic input (issue 13, targets 2 and 3a): the largest catalog bundle and a
// synthetic 5-item bundle (~150 fields, ~40 materials), each with its fullest answers and every field filled validly.
// Warm figures are medians of repeated calls; cold ones are first calls (compose) or first validations of a shape
// (ajv compiles). Validation is compared with raw ajv compiled once on the same effective schema and data.
import { performance } from 'node:perf_hooks';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { checkCatalog } from '../../runtime/core/check';
import { compose, type ComposedService, type ServiceSource } from '../../runtime/core/compose';
import { effectiveSchema } from '../../runtime/core/form-rules';
import { FORMATS } from '../../runtime/core/formats';
import { clearValidatorCache, validateForm } from '../../runtime/core/form-validate';
import { readCatalogDir } from '../../runtime/server/catalog-dir';
import { bigAnswers, bigSource } from '../unit/fixtures/big-bundle';
import { filledData, fullestAnswers } from '../unit/helpers/fullest';
import type { BenchRow } from './table';
import { medianMs } from './timing';

const SECTION = 'validation';
const ROUNDS = 41;
const addFormats = ((addFormatsModule as any).default ?? addFormatsModule) as (a: Ajv) => Ajv;

/** Raw ajv, configured as the server's (all errors, ajv-formats, our formats). */
function rawAjv(): Ajv {
	const ajv = new Ajv({ allErrors: true, strict: false });
	addFormats(ajv);
	for (const [name, test] of Object.entries(FORMATS)) ajv.addFormat(name, test);
	return ajv;
}

const once = (fn: () => unknown) => {
	const t0 = performance.now();
	fn();
	return performance.now() - t0;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const sizeOf = (s: ComposedService) => `${Object.keys(s.form.schema.properties).length} fields, ${s.materials.length} materials`;

/** The bundle whose fullest composition asks the most fields and materials. */
function largestCatalogBundle(): { id: string; source: ServiceSource } {
	const { catalog } = checkCatalog(readCatalogDir('definitions'));
	const versioned = <T>(definition: T) => ({ definition, version: 1, hash: '' });
	const sources = [...catalog!.bundles.values()].map((b) => ({
		id: b.id,
		source: { kind: 'bundle', bundle: versioned(b), items: b.members.map((m) => versioned(catalog!.items.get(m.item)!)) } as ServiceSource
	}));
	const size = (s: ServiceSource) => {
		const { service } = fullestAnswers(s);
		return Object.keys(service.form.schema.properties).length + service.materials.length;
	};
	return sources.reduce((best, x) => (size(x.source) > size(best.source) ? x : best));
}

function rows(name: string, source: ServiceSource, composeTarget: boolean, firstCompose?: number): BenchRow[] {
	const { answers, service } = fullestAnswers(source);
	const data = filledData(service.form, answers);
	const label = `${name} (${sizeOf(service)})`;
	const out: BenchRow[] = [];
	const row = (l: string, value: number, extra: Partial<BenchRow> = {}): BenchRow => ({ section: SECTION, label: l, value, unit: 'ms', digits: 3, ...extra });

	if (firstCompose !== undefined) out.push(row(`compose ${label}: first call (cold)`, firstCompose, { note: 'one call, before any warm-up in this section' }));
	// the median of single calls: one compose fits in a scheduler slice, so other load on the machine moves it little
	out.push(
		row(
			`compose ${label}: warm median`,
			medianMs(() => compose(source, answers), 1, 301),
			{
				note: 'median of 301 calls',
				...(composeTarget ? { target: { op: '≤', value: 2 } } : {})
			}
		)
	);

	// cold: the first validation of a shape compiles its effective schema (median of 5, the cache cleared each time)
	const form = service.form;
	const cold = median(
		Array.from({ length: 5 }, () => {
			clearValidatorCache();
			return once(() => validateForm(form, data, answers));
		})
	);
	const check = validateForm(form, data, answers);
	if (!check.valid) throw new Error(`${name}: the fullest data does not validate: ${JSON.stringify(check.errors)}`);
	const raw = rawAjv().compile(effectiveSchema(form, data, answers));
	if (!raw(data)) throw new Error(`${name}: raw ajv refuses the fullest data`);

	// warm, in short interleaved rounds (~1 ms batches) so that load on the machine hits both alike: the ratio is the
	// median of per-round ratios
	const batch = Math.max(5, Math.round(1 / medianMs(() => raw(data), 20, 5)));
	const ours: number[] = [];
	const bare: number[] = [];
	for (let r = 0; r < ROUNDS; r++) {
		ours.push(medianMs(() => validateForm(form, data, answers), batch, 3));
		bare.push(medianMs(() => raw(data), batch, 3));
	}
	const ratio = median(ours.map((x, i) => x / bare[i]));
	out.push(
		row(`validate ${label}: first validation of a shape (cold)`, cold, { digits: 1, note: 'ajv compiles; median of 5' }),
		row(`validate ${label}: warm median`, median(ours), { digits: 4, note: 'fullest answers, every field filled' }),
		row(`raw compiled ajv, same schema and data: warm median`, median(bare), { digits: 4 }),
		{
			section: SECTION,
			label: `validate ${name} ÷ raw ajv`,
			value: ratio,
			unit: '×',
			digits: 2,
			target: { op: '≤', value: 1.5 },
			note: `median of ${ROUNDS} interleaved rounds`
		}
	);
	return out;
}

export async function validationRows(): Promise<BenchRow[]> {
	const synthetic = bigSource();
	const firstCompose = once(() => compose(synthetic, bigAnswers('change')));
	const largest = largestCatalogBundle();
	return [...rows(`catalog bundle ${largest.id}`, largest.source, false), ...rows('synthetic 5-item bundle', synthetic, true, firstCompose)];
}
