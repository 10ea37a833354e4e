// 部门共享: the provider registry and the local demo providers, and a submission that fetches, records and audits
// the shared data on the shipped catalog (退休审批: 户籍 and 社保缴费). The API part needs `npx vite build` first.
import { describe, expect, it } from 'vitest';
import { DATASETS, datasetOffer, datasetRows } from '../../runtime/core/shared-data/datasets';
import { SharedDataError, SharedDataRegistry, type SharedDataProvider } from '../../runtime/core/shared-data/registry';
import { demoRecords, LocalSharedDataProvider, localSharedData, type DemoRecords } from '../../runtime/server/shared-data-local';
import { fetchShared } from '../../runtime/core/cases/shared-inputs';
import { useServer } from './helpers/use-server';
import { provideMaterials, TUIXIU } from './helpers/catalog-data';

const LISI = '350521197001014561';
const ZHANGSAN = '350502198506122344';
const AT = '2026-12-01T02:00:00.000Z';

async function refusal(p: Promise<unknown>): Promise<SharedDataError> {
	const e = await p.then(
		() => undefined,
		(x) => x
	);
	expect(e).toBeInstanceOf(SharedDataError);
	return e as SharedDataError;
}

describe('shared data registry and the local providers', () => {
	const registry = localSharedData(demoRecords('definitions'));

	it('returns the typed record of the applicant from the sharing department, with its labels and prefill keys', async () => {
		const s = await registry.fetch('hukou', LISI, AT);
		expect(s).toMatchObject({ dataset: 'hukou', department: 'qz-gongan', fetchedAt: AT });
		expect(s.data).toMatchObject({ name: '李四', gender: '男', birthDate: '1966-01-01' });
		expect(datasetOffer('hukou', s.data)).toMatchObject({ 'applicant.birthDate': '1966-01-01', 'applicant.name': '李四' });
		expect(datasetRows('hukou', s.data)).toContainEqual({ label: '户籍地址', value: '福建省泉州市惠安县螺城镇建设路 12 号' });
		const estate = await registry.fetch('realEstate', LISI, AT);
		expect(estate.department).toBe(DATASETS.realEstate.department.id);
		expect(datasetRows('realEstate', estate.data)[0].value).toContain('惠安县螺城镇建设路 12 号');
		expect((await registry.fetch('socialInsurance', LISI, AT)).data.contributionMonths).toBe(396);
	});

	it('names the department and tells the citizen to upload when it has no record or is down', async () => {
		const none = await refusal(registry.fetch('hukou', '350582200909213453', AT));
		expect(none.kind).toBe('notFound');
		expect(none.message).toBe('泉州市公安局没有查到您的「户籍信息」，请上传材料');
		const down = await refusal(registry.fetch('socialInsurance', ZHANGSAN, AT));
		expect(down.kind).toBe('unavailable');
		expect(down.message).toContain('泉州市人力资源和社会保障局共享接口暂不可用');
		expect((await refusal(registry.fetch('hukou', '', AT))).message).toContain('没有登记身份证号码');
	});

	it('refuses a record that does not match the dataset schema, naming the field', async () => {
		const bad: DemoRecords = { [LISI]: { marriage: { status: '分居' } } };
		const r = new SharedDataRegistry().register(new LocalSharedDataProvider('qz-minzheng', ['marriage'], () => bad));
		const e = await refusal(r.fetch('marriage', LISI, AT));
		expect(e.kind).toBe('invalid');
		expect(e.message).toContain('status');
	});

	it('registers each dataset once, from its own department only', () => {
		const p = (department: string, datasets: SharedDataProvider['datasets']) => new LocalSharedDataProvider(department, datasets, () => ({}));
		expect(() => new SharedDataRegistry().register(p('qz-rsj', ['hukou']))).toThrow('由 泉州市公安局 提供，不是 qz-rsj');
		expect(() => new SharedDataRegistry().register(p('qz-gongan', ['hukou'])).register(p('qz-gongan', ['hukou']))).toThrow('已有提供方');
		return expect(new SharedDataRegistry().fetch('marriage', LISI, AT)).rejects.toThrow('尚未接入');
	});

	it('records the fetched snapshot on the provided material, never the one posted, and only with consent', async () => {
		const materials = [
			{ id: 'hk', name: '户口簿', sources: [{ kind: 'shared', department: 'qz-gongan', dataset: '户籍信息', fetch: 'hukou' }, { kind: 'upload' }] },
			{ id: 'si', name: '缴费记录', sources: [{ kind: 'shared', department: 'qz-rsj', dataset: '社保缴费信息', fetch: 'socialInsurance' }] },
			{ id: 'file', name: '档案', sources: [{ kind: 'shared', department: 'qz-rsj', dataset: '人事档案' }] }
		] as never[];
		const forged = { dataset: 'hukou', department: 'qz-gongan', fetchedAt: AT, data: { name: '假的' } } as const;
		const provided: Record<string, any> = {
			hk: { source: 'shared', consent: true, fetched: forged },
			si: { source: 'shared' },
			file: { source: 'shared', fetched: forged }
		};
		const errors = await fetchShared(registry, materials, provided, async () => LISI, AT);
		expect(provided.hk.fetched.data.name).toBe('李四');
		expect(provided.file.fetched).toBeUndefined();
		expect(errors).toEqual([{ path: 'materials.si', message: '「缴费记录」需要您授权从泉州市人力资源和社会保障局共享获取「社保缴费信息」，或改为上传' }]);
	});
});

describe('submitting with shared data on the shipped catalog', () => {
	const server = useServer({ definitionsDir: 'definitions' });
	const answers = { specialJob: 'no' };
	const { 'tuixiu-shenpi__retireDate': retireDate, 'tuixiu-shenpi__contributionYears': contributionYears, ...common } = TUIXIU.data;
	const data = { ...common, retireDate, contributionYears };

	async function submit(user: string, shared: Record<string, unknown>) {
		const citizen = await server.as(user);
		const svc = (await citizen.post('/api/compose', { service: { kind: 'item', id: 'tuixiu-shenpi' }, answers })).body;
		const materials = { ...(await provideMaterials(server.url, citizen, svc.materials)), householdRegister: shared, insuranceRecord: shared };
		return citizen.post('/api/cases', { service: { kind: 'item', id: 'tuixiu-shenpi' }, answers, data, materials, consents: { licenceFetch: true } });
	}

	it('keeps the departments’ records on the case as the materials’ snapshots and audits each fetch', async () => {
		const r = await submit('lisi', { source: 'shared', consent: true, fetched: { dataset: 'hukou', department: 'x', fetchedAt: AT, data: { name: '伪造' } } });
		expect(r.status, JSON.stringify(r.body)).toBe(201);
		const view = (await (await server.as('lisi')).get(`/api/cases/${r.body.id}`)).body;
		const m = view.case.state.machine.context.materials;
		expect(m.householdRegister.fetched).toMatchObject({ dataset: 'hukou', department: 'qz-gongan', data: { name: '李四', birthDate: '1966-01-01' } });
		expect(m.insuranceRecord.fetched).toMatchObject({ dataset: 'socialInsurance', department: 'qz-rsj', data: { contributionMonths: 396 } });
		const audit = (await (await server.as('admin')).get(`/api/audit?case=${r.body.id}`)).body.entries as any[];
		expect(
			audit
				.filter((e) => e.action === 'shared.fetch')
				.map((e) => e.detail.dataset)
				.sort()
		).toEqual(['hukou', 'socialInsurance']);
	});

	it('with the standing consent (/me/data) the apply page fetches as it opens, prefills and audits; withdrawn, it only offers', async () => {
		const lisi = await server.as('lisi');
		const page = async () => (await lisi.call('GET', '/apply/item/tuixiu-shenpi?a:specialJob=no', undefined, { accept: 'text/html' })).body as string;
		expect(await page()).not.toContain('已从泉州市公安局共享获取');
		expect((await lisi.call('PUT', '/api/me/consents/sharedFetch', {})).status).toBe(200);
		const html = await page();
		expect(html).toContain('已从泉州市公安局共享获取「户籍信息」');
		expect(html).toMatch(/<dt>累计缴费月数<\/dt>\s*<dd>396<\/dd>/);
		expect(html).toMatch(/value="1966-01-01"/);
		const audit = (await (await server.as('admin')).get('/api/audit?actor=lisi')).body.entries as any[];
		expect(audit.some((e) => e.action === 'shared.fetch' && e.detail.dataset === 'socialInsurance' && !e.caseId)).toBe(true);
		expect((await lisi.call('DELETE', '/api/me/consents/sharedFetch')).status).toBe(200);
		expect(await page()).toContain('授权并获取');
	});

	it('refuses a shared material without consent, or when the department is down, naming the material', async () => {
		const r = await submit('lisi', { source: 'shared' });
		expect(r.status).toBe(422);
		expect(r.body.errors).toContainEqual({
			path: 'materials.householdRegister',
			message: '「居民户口簿（户籍信息）」需要您授权从泉州市公安局共享获取「户籍信息」，或改为上传'
		});
		const down = await submit('zhangsan', { source: 'shared', consent: true });
		expect(down.status).toBe(422);
		const msg = down.body.errors.find((e: any) => e.path === 'materials.insuranceRecord')?.message;
		expect(msg).toContain('共享接口暂不可用');
		expect(down.body.errors.some((e: any) => e.path === 'materials.householdRegister')).toBe(false);
	});
});
