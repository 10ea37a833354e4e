// The first inbox page as a front-desk officer with many open tasks: the bytes of its HTML plus its __data.json (issue 13, target 5).
import { Client } from '../unit/helpers/server';
import { TUIXIU } from '../unit/helpers/catalog-data';
import type { BenchRow } from './table';

/** Open tasks at the front desk before measuring. */
export const INBOX_TASKS = 500;
const CONCURRENCY = 8;

/** Submits 退休一件事 `n` times as zhangsan (one compose, one upload, then the submissions, a few at a time). */
async function openCases(serverUrl: string, token: string, n: number) {
	const citizen = new Client(serverUrl);
	citizen.token = token;
	const service = { kind: 'bundle' as const, id: 'tuixiu' };
	const composed = await citizen.post('/api/compose', { service, answers: TUIXIU.answers });
	if (composed.status !== 200) throw new Error(`compose: ${JSON.stringify(composed.body)}`);
	const upload = await fetch(`${serverUrl}/api/files?name=scan.pdf`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/pdf' },
		body: new TextEncoder().encode('%PDF-1.4\n% scan\n')
	});
	if (upload.status !== 201) throw new Error(`upload: ${upload.status} ${await upload.text()}`);
	const file = ((await upload.json()) as { id: string }).id;
	const materials: Record<string, unknown> = {};
	for (const m of composed.body.materials as { id: string; required: string; sources: { kind: string }[] }[]) {
		if (m.required !== 'always') continue;
		const commitmentOnly = m.sources.some((s) => s.kind === 'commitment') && !m.sources.some((s) => s.kind === 'upload');
		materials[m.id] = commitmentOnly ? { source: 'commitment', signed: true } : { source: 'upload', files: [file] };
	}
	const body = { service, answers: TUIXIU.answers, data: TUIXIU.data, materials, consents: { licenceFetch: true } };
	let next = 0;
	const worker = async () => {
		while (next < n) {
			next++;
			const r = await citizen.post('/api/cases', body);
			if (r.status !== 201) throw new Error(`submit: ${r.status} ${JSON.stringify(r.body)}`);
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

/** Bytes of a GET as the signed-in user. */
async function bytes(url: string, token: string): Promise<number> {
	const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: url.endsWith('.json') ? 'application/json' : 'text/html' } });
	if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
	return (await res.arrayBuffer()).byteLength;
}

/** `login(user)` returns a session token. Opens cases until the front desk holds ≥ INBOX_TASKS open tasks, then weighs /workbench. */
export async function inboxPageRows(serverUrl: string, login: (user: string) => Promise<string>): Promise<BenchRow[]> {
	const desk = await login('qz-zwfw-frontdesk');
	const open = async () => {
		const r = await fetch(`${serverUrl}/api/tasks?tab=intake&limit=1`, { headers: { authorization: `Bearer ${desk}` } });
		return ((await r.json()) as { counts: { intake: number } }).counts.intake;
	};
	const before = await open();
	if (before < INBOX_TASKS) await openCases(serverUrl, await login('zhangsan'), INBOX_TASKS - before);
	const tasks = await open();
	const html = await bytes(`${serverUrl}/workbench`, desk);
	const json = await bytes(`${serverUrl}/workbench/__data.json`, desk);
	return [
		{
			section: 'lists paged',
			label: 'first inbox page HTML+JSON',
			value: (html + json) / 1024,
			unit: 'KB',
			target: { op: '≤', value: 50 },
			note: `${tasks} open tasks; HTML ${(html / 1024).toFixed(1)} KB + __data.json ${(json / 1024).toFixed(1)} KB`
		}
	];
}
