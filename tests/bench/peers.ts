// Peers side by side (issue 13, target 7): the JavaScript of a minimal app rendering our apply form with each form
// library a user would otherwise pick, built by vite in production mode with the same minifier as our app and gzipped at
// level 9. The libraries are dev dependencies of the bench only (tests/bench/peers/package.json), installed on first use.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';
import { renderCheck, type PeerChunk } from './peer-render';
import { applyForm, formioForm, rjsfForm, surveyForm } from './peer-forms';
import type { BenchRow } from './table';

const PEERS_DIR = fileURLToPath(new URL('./peers/', import.meta.url));
const SECTION = 'peers: same form (gzip)';

interface Peer {
	label: string;
	app: string;
	/** packages whose versions go in the label */
	packages: string[];
	form: (f: ReturnType<typeof applyForm>) => unknown;
	/** extra `define`s the library needs to run in a browser */
	define?: Record<string, string>;
	note?: string;
}

const PEERS: Peer[] = [
	{ label: 'rjsf + ajv8 validator + React', app: 'rjsf.js', packages: ['@rjsf/core', 'react'], form: rjsfForm },
	// its framework-free UI (2.5 is its latest) is the peer's best case: survey-react-ui 3.0 + React 19 weighed 410 KB
	{ label: 'SurveyJS, framework-free UI', app: 'surveyjs.js', packages: ['survey-core', 'survey-js-ui'], form: surveyForm },
	{
		label: 'form.io renderer (no builder)',
		app: 'formio.js',
		packages: ['@formio/js'],
		form: formioForm,
		// some of its CommonJS dependencies read Node's `global`
		define: { global: 'globalThis' },
		note: 'English UI: form.io ships no Chinese strings'
	}
];

/** `npm ci` in tests/bench/peers when its node_modules is missing or older than its lock file. */
export function ensurePeersInstalled(): void {
	const installed = `${PEERS_DIR}node_modules/.package-lock.json`;
	if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(`${PEERS_DIR}package-lock.json`).mtimeMs) return;
	console.error('bench: installing peer form libraries (npm ci in tests/bench/peers)…');
	// npm's output goes to stderr: stdout is the table
	const r = spawnSync('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], { stdio: ['ignore', 2, 2] });
	if (r.status !== 0) throw new Error(`npm ci in ${PEERS_DIR} failed (exit ${r.status})`);
}

const versionOf = (pkg: string) => JSON.parse(readFileSync(`${PEERS_DIR}node_modules/${pkg}/package.json`, 'utf8')).version as string;

/** `import form from 'virtual:peer-form'` in an app gives it the form in its library's format. */
const formModule = (form: unknown): Plugin => ({
	name: 'peer-form',
	resolveId: (id) => (id === 'virtual:peer-form' ? '\0peer-form' : undefined),
	load: (id) => (id === '\0peer-form' ? `export default ${JSON.stringify(form)};` : undefined)
});

/** Builds one app (production, minified, no source maps, nothing written): its emitted JS chunks. */
export async function bundlePeer(app: string, form: unknown, define: Record<string, string> = {}): Promise<PeerChunk[]> {
	const result = await build({
		configFile: false,
		root: PEERS_DIR,
		mode: 'production',
		logLevel: 'warn',
		publicDir: false,
		define: { 'process.env.NODE_ENV': '"production"', ...define },
		plugins: [formModule(form)],
		build: {
			write: false,
			minify: true,
			sourcemap: false,
			reportCompressedSize: false,
			rolldownOptions: {
				input: `${PEERS_DIR}apps/${app}`,
				// 'use client' in React libraries means nothing in a client bundle
				onwarn: (warning, warn) => void (warning.code === 'MODULE_LEVEL_DIRECTIVE' || warn(warning))
			}
		}
	});
	const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => ('output' in r ? r.output : []));
	return outputs.flatMap((o) => (o.type === 'chunk' ? [{ fileName: o.fileName, code: o.code, isEntry: o.isEntry }] : []));
}

/** One row per peer: its JS gzip in KB and its ratio to our apply page (`ourApplyGzipKB`). */
export async function peerRows(ourApplyGzipKB: number): Promise<BenchRow[]> {
	try {
		ensurePeersInstalled();
	} catch (e) {
		return PEERS.map((p) => ({ section: SECTION, label: p.label, value: NaN, unit: 'KB', note: (e as Error).message }));
	}
	const form = applyForm();
	const rows: BenchRow[] = [];
	for (const peer of PEERS) {
		const chunks = await bundlePeer(peer.app, peer.form(form), peer.define);
		const kb = chunks.reduce((n, c) => n + gzipSync(c.code, { level: 9 }).byteLength, 0) / 1024;
		const rendered = await renderCheck(chunks);
		const versions = peer.packages.map((p) => `${p} ${versionOf(p)}`).join(', ');
		const ratio = Number.isFinite(ourApplyGzipKB) && ourApplyGzipKB > 0 ? `${(kb / ourApplyGzipKB).toFixed(1)}× ours` : 'ours unknown';
		rows.push({
			section: SECTION,
			label: `${peer.label} (${versions})`,
			value: kb,
			unit: 'KB',
			note: [ratio, rendered, peer.note].filter(Boolean).join('; ')
		});
	}
	return rows;
}
