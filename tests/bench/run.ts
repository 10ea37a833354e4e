// npm run bench [-- --only cases,pages]: every performance figure with its target beside it, printed as one table (issue 13).
// Not a test: figures are measured on this machine; a ✘ is a target missed, not a failure.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { Client, startServer } from '../unit/helpers/server';
import { caseRows } from './cases';
import { catalogRows } from './catalog';
import { inboxPageRows } from './inbox-page';
import { pageRows } from './page-weight';
import { peerRows } from './peers';
import { printTable, type BenchRow } from './table';
import { validationRows } from './validation';
import { wireRows } from './wire';

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg >= 0 ? new Set(process.argv[onlyArg + 1].split(',')) : undefined;

async function builtServerRows(): Promise<BenchRow[]> {
	if (!existsSync('build/index.js')) spawnSync('npx', ['vite', 'build'], { stdio: 'inherit' });
	const server = await startServer();
	// one session per user for every section
	const tokens = new Map<string, string>();
	const login = async (user: string) => {
		if (!tokens.has(user)) {
			const c = new Client(server.url);
			await c.login(user);
			tokens.set(user, c.token!);
		}
		return tokens.get(user)!;
	};
	let pages: BenchRow[];
	try {
		pages = [...(await pageRows(server.url, login)), ...(await wireRows(server.url, login)), ...(await inboxPageRows(server.url, login))];
	} finally {
		await server.stop();
	}
	// the same form with the libraries a user would otherwise pick, as ratios to our apply page (target 7)
	const apply = pages.find((r) => r.unit === 'KB' && /^citizen 申请 中考加分确认一件事 /.test(r.label));
	return [...pages, ...(await peerRows(apply?.value ?? NaN))];
}

const SECTIONS: [string, () => Promise<BenchRow[]>][] = [
	['cases', caseRows],
	['validation', validationRows],
	['pages', builtServerRows],
	['catalog', catalogRows]
];

const rows: BenchRow[] = [];
for (const [name, run] of SECTIONS) {
	if (only && !only.has(name)) continue;
	console.error(`bench: ${name}…`);
	rows.push(...(await run()));
}
printTable(rows);
