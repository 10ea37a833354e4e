// The inbox's filter query (the applicant's name sealed, never in clear) and the supervisor's settings and chart data.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { filterQuery, openName } from '../../runtime/server/inbox-actions';
import { PiiCipher } from '../../runtime/server/pii';
import { staleHours, workloadCharts } from '../../runtime/server/supervise';
import type { App } from '../../runtime/server/app';

const app = { store: { pii: { cipher: new PiiCipher([randomBytes(32)]) } } } as unknown as App;
const form = (fields: Record<string, string>) => {
	const f = new FormData();
	for (const [k, v] of Object.entries(fields)) f.set(k, v);
	return f;
};

describe('inbox filter query', () => {
	it('seals the typed applicant name into `an`; the clear name is nowhere in the query, and opens again', () => {
		const q = new URLSearchParams(filterQuery(app, form({ tab: 'intake', receipt: 'QZ1', applicant: ' 欧阳小明 ', service: '' })));
		expect([...q.keys()].sort()).toEqual(['an', 'receipt', 'tab']);
		expect(decodeURIComponent(q.toString())).not.toContain('欧阳');
		expect(openName(app, q.get('an'))).toBe('欧阳小明');
		// saved again without retyping: the sealed value is kept; cleared: gone
		expect(new URLSearchParams(filterQuery(app, form({ an: q.get('an')! }))).get('an')).toBe(q.get('an'));
		expect(filterQuery(app, form({ applicant: '' }))).toBe('');
	});

	it('refuses a name over 50 characters and a sealed value that does not open, naming the field', () => {
		expect(() => filterQuery(app, form({ applicant: '名'.repeat(51) }))).toThrow('申请人姓名过长（最多 50 个字符，收到 51 个）');
		expect(() => openName(app, 'enc:v1:a256gcm:xx:yy:zz')).toThrow(/申请人姓名的查找参数（an）无效/);
		expect(openName(app, null)).toBeUndefined();
	});
});

describe('supervisor view', () => {
	it('takes the untouched-claim hours from the page, else STALE_CLAIM_HOURS, else 4; refuses out of range', () => {
		expect(staleHours({}, null)).toBe(4);
		expect(staleHours({ STALE_CLAIM_HOURS: '8' }, null)).toBe(8);
		expect(staleHours({ STALE_CLAIM_HOURS: '8' }, '2.5')).toBe(2.5);
		expect(() => staleHours({}, '0')).toThrow('未处理时长应为 0.5 到 200 之间的工作小时数（收到「0」）');
		expect(() => staleHours({ STALE_CLAIM_HOURS: 'abc' }, null)).toThrow(/收到「abc」/);
	});

	it('sums the workload per officer (unclaimed apart) and per step, largest first', () => {
		const names = new Map([
			['u-a', '甲'],
			['u-b', '乙']
		]);
		const charts = workloadCharts(
			[
				{ claimedBy: 'u-a', label: '审查', count: 2 },
				{ claimedBy: 'u-a', label: '决定', count: 1 },
				{ claimedBy: 'u-b', label: '审查', count: 5 },
				{ label: '审查', count: 4 }
			],
			names
		);
		expect(charts.byOfficer).toEqual([
			{ label: '乙', count: 5 },
			{ label: '未签收', count: 4 },
			{ label: '甲', count: 3 }
		]);
		expect(charts.byStep).toEqual([
			{ label: '审查', count: 11 },
			{ label: '决定', count: 1 }
		]);
	});
});
