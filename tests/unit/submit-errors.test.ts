// One refused submission names every problem at once: situation answers, fields and materials, each by its name.
import { describe, expect, it } from 'vitest';
import { writeFixtureCatalog } from './helpers/server';
import { useServer } from './helpers/use-server';
import { bonusSubmission } from './fixtures/catalog';

const server = useServer({ definitionsDir: writeFixtureCatalog(), testClock: true });

describe('errors in one pass', () => {
	it('the API lists every field and material problem of one submission, each material by its name', async () => {
		const citizen = await server.as('zhangsan');
		const composed = (await citizen.post('/api/compose', { service: bonusSubmission.service, answers: bonusSubmission.answers })).body;
		const name = (id: string) => composed.materials.find((m: { id: string }) => m.id === id).name as string;
		const refused = await citizen.post('/api/cases', {
			...bonusSubmission,
			data: { ...bonusSubmission.data, applicant_name: undefined, contact_phone: '123' },
			materials: {
				licence_ID_CARD: { source: 'upload', files: [] },
				licence_HOUSEHOLD_REGISTER: { source: 'upload', files: [] },
				'ovs-confirm__residence': { source: 'commitment' },
				'ovs-confirm__photo': { source: 'upload', files: [] }
			}
		});
		expect(refused.status).toBe(422);
		const errors: { path: string; message: string }[] = refused.body.errors;
		const paths = errors.map((e) => e.path);
		// fields and materials in the same answer
		expect(paths).toEqual(
			expect.arrayContaining(['data.applicant_name', 'data.contact_phone', 'materials.licence_ID_CARD', 'materials.ovs-confirm__residence'])
		);
		expect(errors).toContainEqual({ path: 'materials.licence_ID_CARD', message: `${name('licence_ID_CARD')}：请上传文件` });
		expect(errors).toContainEqual({ path: 'materials.licence_HOUSEHOLD_REGISTER', message: `${name('licence_HOUSEHOLD_REGISTER')}：请上传文件` });
		expect(errors).toContainEqual({ path: 'materials.ovs-confirm__residence', message: `${name('ovs-confirm__residence')}：请勾选签署告知承诺` });
		// one message per problem, never a bare one
		expect(new Set(paths).size).toBe(paths.length);
		for (const e of errors) expect(e.message).toMatch(/^[^：]+：|「/);
		expect(refused.body.message).toBe(`申请有 ${errors.length} 处需要修改`);
	});

	it('the apply page checks a post without filing it: every problem named, and a clean post goes to 核对, not to a case', async () => {
		const citizen = await server.as('zhangsan');
		const post = (action: string, fields: Record<string, string>) =>
			fetch(`${server.url}/apply/item/eth-confirm?/${action}`, {
				method: 'POST',
				headers: { authorization: `Bearer ${citizen.token}`, origin: server.url, accept: 'application/json', 'x-sveltekit-action': 'true' },
				body: new URLSearchParams(fields)
			});
		const refused = await post('check', { 'd:applicant_idNumber': '123', 'm:licence_HOUSEHOLD_REGISTER:source': 'upload' });
		const body = await refused.json();
		expect(body.type).toBe('failure');
		const text = JSON.stringify(body.data);
		expect(text).toContain('：必填');
		expect(text).toContain('：请上传文件');
		expect(text).not.toMatch(/"请上传文件"/);
		const clean = await post('check', {
			'd:applicant_name': '张三',
			'd:applicant_idNumber': '350502198506122344',
			'd:ethnicity': '回族',
			'm:licence_HOUSEHOLD_REGISTER:source': 'licence',
			'm:licence_HOUSEHOLD_REGISTER:licence': 'lic-demo-zhangsan-household_register',
			'consent:licence': 'true'
		});
		const checked = await clean.json();
		expect(checked.type, JSON.stringify(checked)).toBe('success');
		expect(checked.data).toContain('review');
		// checked, not filed
		expect((await citizen.get('/api/cases')).body.total).toBe(0);
	});
});
