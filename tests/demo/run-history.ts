// npm run demo:history -- [--cases 1500] [--days 365] [--seed 1]
// Fills the store in DATA_DIR (or DATABASE_URL / STORE=lowdb) with a year of cases made by the engine itself, for the
// figures at /workbench/metrics and /figures. Not part of start-up; stop the server first (PGlite is one process's).
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../../runtime/server/app';
import { runMain } from '../../runtime/cli/run-main';
import { generateHistory } from './history';

async function main(argv: string[]): Promise<number> {
	const { values } = parseArgs({ args: argv, options: { cases: { type: 'string' }, days: { type: 'string' }, seed: { type: 'string' } } });
	const number = (name: string, raw: string | undefined, fallback: number, max: number) => {
		const n = raw === undefined ? fallback : Number(raw);
		if (!Number.isInteger(n) || n < 1 || n > max) throw new Error(`--${name} 应为 1–${max} 的整数，收到「${raw}」`);
		return n;
	};
	const opts = {
		cases: number('cases', values.cases, 1500, 200_000),
		days: number('days', values.days, 365, 3660),
		seed: number('seed', values.seed, 1, 2 ** 31)
	};
	const dataDir = resolve(process.env.DATA_DIR ?? 'data');
	const app = await createApp({ dataDir, definitionsDir: resolve(process.env.DEFINITIONS_DIR ?? 'definitions'), testClock: true });
	try {
		console.log(`生成 ${opts.days} 天的办件历史：${opts.cases} 件，种子 ${opts.seed}，数据目录 ${dataDir}`);
		const s = await generateHistory(app, { ...opts, log: (line) => console.log(line) });
		console.log(`完成：${s.from.slice(0, 10)} 至 ${s.to.slice(0, 10)}，提交 ${s.submitted} 件，办理动作 ${s.actions} 个，评价 ${s.ratings} 条`);
		console.log(
			`办件状态：${
				Object.entries(s.byStatus)
					.map(([k, v]) => `${k} ${v}`)
					.join('，') || '（均在办理中）'
			}`
		);
		for (const x of s.refused.slice(0, 10)) console.log(`未能提交 ${x.service}：${x.error}`);
		return s.refused.length ? 1 : 0;
	} finally {
		await app.store.close();
	}
}

runMain(import.meta.url, main, 'demo:history 失败：');
