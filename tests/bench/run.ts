// npm run bench: prints figures for composition, validation, case events, inbox queries, the deadline sweep, and the JavaScript pages load.
import { rmSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createApp } from '../../runtime/server/app';
import { sweepDeadlines } from '../../runtime/server/deadlines';
import { compose } from '../../runtime/core/compose';
import { validateForm } from '../../runtime/core/form-validate';
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Client, startServer, tempDir, writeFixtureCatalog } from '../unit/helpers/server';
import { pageWeight } from './page-weight';
import type { Actor } from '../../runtime/core/store';

function measure(label: string, n: number, fn: (i: number) => unknown) {
	const t0 = performance.now();
	for (let i = 0; i < n; i++) fn(i);
	const ms = performance.now() - t0;
	console.log(`${label.padEnd(44)} ${(ms / n).toFixed(3).padStart(9)} ms/op  (${n} ops)`);
}
async function measureAsync(label: string, n: number, fn: (i: number) => Promise<unknown>) {
	const t0 = performance.now();
	for (let i = 0; i < n; i++) await fn(i);
	const ms = performance.now() - t0;
	console.log(`${label.padEnd(44)} ${(ms / n).toFixed(3).padStart(9)} ms/op  (${n} ops)`);
}

const dataDir = tempDir('bench-');
const app = await createApp({ dataDir, definitionsDir: process.argv[2] ?? 'definitions' });
const bundles = await app.defs.list('bundle');
console.log(`catalog: ${app.catalog.items.size} items, ${app.catalog.bundles.size} bundles`);
for (const b of bundles) {
	const source = await app.defs.source('bundle', b.id);
	measure(`compose ${b.id}`, 200, () => compose(source, {}));
}
const source = await app.defs.source('bundle', bundles[0].id);
const composed = compose(source, {});
measure(`validateForm ${bundles[0].id} (empty data)`, 2000, () => validateForm(composed.form, {}, {}));
await app.store.close();
rmSync(dataDir, { recursive: true, force: true });

// case throughput on the fixture catalog: submit, accept, inbox query
const fixtureData = tempDir('bench-cases-');
const fx = await createApp({ dataDir: fixtureData, definitionsDir: writeFixtureCatalog() });
const citizen = (await fx.store.accounts.byUsername('zhangsan'))!;
const desk = (await fx.store.accounts.byUsername('center-frontdesk'))!;
const actor = (a: typeof citizen): Actor => ({ id: a.id, name: a.name, roles: a.roles, department: a.department });
const body = {
	service: { kind: 'item' as const, id: 'edu-confirm' },
	answers: { grade: 'current' },
	data: { applicant_name: '张三', applicant_idNumber: '350502198506122344', school: '泉州第五中学' },
	materials: { licence_ID_CARD: { source: 'licence' as const, licenceId: 'lic-demo-zhangsan-id_card' } },
	consents: { licenceFetch: true }
};
const ids: string[] = [];
await measureAsync('submit a case (validate, persist, tasks)', 300, async () => ids.push((await fx.cases.submit(actor(citizen), body)).case.id));
await measureAsync('accept a case (transition, persist, tasks)', 300, (i) => fx.cases.act(actor(desk), ids[i], { type: 'ACCEPT', version: 0 }));
await measureAsync('inbox query (edu reviewer, 300 open tasks)', 200, () => fx.store.tasks.query({ roles: ['reviewer'], department: 'edu' }));
await measureAsync('replay one case from its event log', 200, (i) => fx.cases.replay(ids[i]));
await measureAsync('deadline sweep (300 open cases, none late)', 50, () => sweepDeadlines(fx));
await fx.store.close();
rmSync(fixtureData, { recursive: true, force: true });

// JavaScript a page loads (gzip), on the built app: citizen pages must never pull in the studio or monaco
if (!existsSync('build/index.js')) spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
const server = await startServer();
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const STUDIO_MARKERS = ['monaco-editor', 'monaco.editor', 'svelte-flow', '配置工作台：'];
try {
	const pages: [string, string, string][] = [
		['zhangsan', '/apply/bundle/zhongkao-jiafen', 'citizen form 中考加分确认一件事'],
		['zhangsan', '/', 'citizen home'],
		['qz-zwfw-frontdesk', '/workbench', 'workbench inbox'],
		['admin', '/studio/items/jiaoshi-zige-buban', 'studio item editor (monaco lazy)']
	];
	for (const [user, path, label] of pages) {
		const c = new Client(server.url);
		await c.login(user);
		const w = await pageWeight(`${server.url}${path}`, { authorization: `Bearer ${c.token}`, accept: 'text/html' }, STUDIO_MARKERS);
		// the studio page shows the markers are found when the code is there
		const note = label.startsWith('studio')
			? `  studio code in ${w.flagged.length} modules`
			: w.flagged.length
				? `  ✘ loads studio code: ${w.flagged.join(', ')}`
				: '  no studio or monaco code';
		console.log(`JS ${label.padEnd(41)} ${kb(w.gzip).padStart(9)} gzip  (${kb(w.raw)} raw, ${w.files} modules)${note}`);
	}
} finally {
	await server.stop();
}
