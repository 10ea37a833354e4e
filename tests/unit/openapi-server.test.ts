import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../runtime/server/api-spec';
import { bonusSubmission } from './fixtures/catalog';
import { writeFixtureCatalog } from './helpers/server';
import { useServer } from './helpers/use-server';

// The document and reference page as served, and bodies the running handlers accept validating against the served document.
const server = useServer({ definitionsDir: writeFixtureCatalog() });

describe('OpenAPI over HTTP', () => {
	it('serves the document without sign-in and the reference page lists the operations by tag', async () => {
		const res = await fetch(`${server.url}/api/openapi.json`);
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toContain('application/json');
		expect(await res.json()).toEqual(openApiDocument());
		const page = await fetch(`${server.url}/api/docs`);
		expect(page.status).toBe(200);
		const html = await page.text();
		for (const text of ['申报与办件', '审批工作台', '/api/cases/{id}/events', '保存草稿（下次继续）', 'CaseSubmitBody']) expect(html).toContain(text);
		expect(html).not.toContain('/api/test/clock');
	});

	it('a submission, a case action and a draft the handlers accept are valid against the served document', async () => {
		const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as Record<string, any>;
		const ajv = new Ajv2020({ strict: false, allErrors: true });
		ajv.addSchema({ $id: 'https://onething.local/openapi.json', components: doc.components });
		const check = (name: string, body: unknown) => {
			const v = ajv.compile({ $ref: `https://onething.local/openapi.json#/components/schemas/${name}` });
			expect(v(body), `${name}: ${JSON.stringify(v.errors)}`).toBe(true);
		};
		const citizen = await server.as('zhangsan');
		const submitted = await citizen.post('/api/cases', bonusSubmission);
		expect(submitted.status, JSON.stringify(submitted.body)).toBe(201);
		check('CaseSubmitBody', bonusSubmission);
		const action = { type: 'WITHDRAW', version: submitted.body.version, reason: '信息填错，重新申请' };
		const acted = await citizen.post(`/api/cases/${submitted.body.id}/events`, action);
		expect(acted.status, JSON.stringify(acted.body)).toBe(200);
		check('EventBody', action);
		const draft = { answers: bonusSubmission.answers, data: { applicant_name: '张三' } };
		const saved = await citizen.call('PUT', '/api/drafts/bundle/bonus-bundle', draft);
		expect(saved.status, JSON.stringify(saved.body)).toBe(200);
		check('DraftBody', draft);
	});
});
