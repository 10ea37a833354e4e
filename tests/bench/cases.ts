// In-process case throughput on the fixture catalog (PGlite): submit, accept, inbox, replay, the deadline sweep.
import { rmSync } from 'node:fs';
import { createApp } from '../../runtime/server/app';
import { sweepDeadlines } from '../../runtime/server/deadlines';
import { tempDir, writeFixtureCatalog } from '../unit/helpers/server';
import { timeAsync } from './timing';
import type { Actor } from '../../runtime/core/store';
import type { BenchRow } from './table';

export async function caseRows(): Promise<BenchRow[]> {
	const dir = tempDir('bench-cases-');
	const fx = await createApp({ dataDir: dir, definitionsDir: writeFixtureCatalog() });
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
	const row = (label: string, ms: number): BenchRow => ({ section: 'cases (PGlite, in-process)', label, value: ms, unit: 'ms', digits: 2 });
	try {
		return [
			row('submit a case (validate, persist, tasks)', await timeAsync(300, async () => ids.push((await fx.cases.submit(actor(citizen), body)).case.id))),
			row('accept a case (transition, persist, tasks)', await timeAsync(300, (i) => fx.cases.act(actor(desk), ids[i], { type: 'ACCEPT', version: 0 }))),
			row('inbox query (300 open tasks)', await timeAsync(200, () => fx.store.tasks.query({ roles: ['reviewer'], department: 'edu' }))),
			row('replay one case from its event log', await timeAsync(200, (i) => fx.cases.replay(ids[i]))),
			row('deadline sweep (300 open cases)', await timeAsync(50, () => sweepDeadlines(fx)))
		];
	} finally {
		await fx.store.close();
		rmSync(dir, { recursive: true, force: true });
	}
}
