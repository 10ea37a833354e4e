// npx tsx tests/bench/definition-check.ts [N …]: the time of checking generated N-state workflows, past the model's state
// limit on purpose (the guard is bypassed) to show how the check grows; then the heaviest item within the limits.
// "chain": each state passes on and returns one back; "branchy": each also approves two ahead (paths grow exponentially).
import { performance } from 'node:perf_hooks';
import { checkItem } from '../../runtime/core/check';
import { compose } from '../../runtime/core/compose';
import { Item } from '../../runtime/core/model';
import { guardDefinition, LIMITS } from '../../runtime/core/model/limits';
import { checkWorkflow } from '../../runtime/core/workflow/check';
import { buildMachine } from '../../runtime/core/workflow/machine';
import { enumeratePaths } from '../../runtime/core/workflow/paths';
import { dictionaries, itemEdu } from '../unit/fixtures/catalog';

function generated(n: number, branchy: boolean) {
	const item = structuredClone(itemEdu) as any;
	for (let i = 0; i < n; i++)
		item.workflow.states[`s${i}`] = {
			meta: { label: `环节${i}`, role: 'reviewer', budgetDays: 1 },
			on: { PASS: i + 1 < n ? `s${i + 1}` : 'decision', RETURN: i ? `s${i - 1}` : 'review', ...(branchy && i + 2 < n ? { APPROVE: `s${i + 2}` } : {}) }
		};
	item.workflow.states.review.on.PASS = 's0';
	return item;
}

const time = (f: () => unknown) => {
	const t = performance.now();
	f();
	return `${(performance.now() - t).toFixed(0)} ms`.padStart(9);
};
const roles = new Set(dictionaries.roles.map((r) => r.id));
const file = `items/${itemEdu.id}.json`;

console.log('shape     states   zod       checkWorkflow  paths     checkItem  xstate    compose');
const sizes = process.argv.slice(2).map(Number);
for (const branchy of [false, true])
	for (const n of sizes.length ? sizes : [200, 1000, 3000]) {
		const item = Item.parse(generated(n, branchy));
		const cells = [
			time(() => Item.parse(generated(n, branchy))),
			time(() => checkWorkflow(item.workflow, { roles, departments: new Set() })),
			time(() => enumeratePaths(item.workflow)),
			time(() => checkItem(item, dictionaries, file)),
			time(() => buildMachine(item.workflow)),
			time(() => compose({ kind: 'item', item: { definition: item, version: 1, hash: String(n) } }, {}))
		];
		console.log(`${(branchy ? 'branchy' : 'chain').padEnd(9)} ${String(n).padStart(6)} ${cells.join('  ')}`);
	}

// within the limits: states and fields at their caps, every field with a pattern (compiling the form schema dominates)
const max = generated(LIMITS.states - 20, true);
for (let i = 0; i < LIMITS.fields - Object.keys(max.form.schema.properties).length; i++)
	max.form.schema.properties[`extra${i}`] = { type: 'string', title: `附加${i}`, pattern: '^[0-9A-Z]{0,18}$' };
console.log(`\nheaviest within the limits (guard: ${guardDefinition(max).length ? 'refused' : 'passes'}):`);
console.log(`  guard ${time(() => guardDefinition(max))}, zod + checkItem ${time(() => checkItem(Item.parse(max), dictionaries, file))}`);
