// The studio's export route hands out the rjsf form and the xstate workflow next to the definition itself.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import Form from '@rjsf/core';
import validator from '@rjsf/validator-ajv8';
import { createActor, createMachine } from 'xstate';
import { describe, expect, it } from 'vitest';
import { actions, guards } from '../../runtime/core/workflow/interop';
import { useServer } from './helpers/use-server';

const server = useServer({ definitionsDir: 'definitions' });

async function get(path: string, user = 'admin') {
	const c = await server.as(user);
	return fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${c.token}` } });
}

describe('studio export route: formats other tools read', () => {
	it('?format=rjsf gives the composed bundle form that @rjsf/core renders', async () => {
		const res = await get('/studio/export/bundle/tuixiu?format=rjsf');
		expect(res.status).toBe(200);
		expect(res.headers.get('content-disposition')).toContain('tuixiu.rjsf.json');
		const body = await res.json();
		const html = renderToString(createElement(Form as never, { schema: body.schema, uiSchema: body.uiSchema, validator } as never));
		expect(html).toContain('是否同时提取住房公积金？');
		expect(html).toContain(body.schema.properties.applicant_name.title);
		// 公积金 fields only once the applicant chooses to withdraw
		const [key, gjj] = body.schema.allOf
			.flatMap((b: any) => Object.entries(b.then?.properties ?? {}))
			.find(([k]: [string]) => k.startsWith('gjj-tiqu-tuixiu__')) as [string, { title: string }];
		expect(html).not.toContain(`id="root_${key}"`);
		const withdraw = (answer: string) =>
			renderToString(
				createElement(
					Form as never,
					{ schema: body.schema, uiSchema: body.uiSchema, validator, formData: { [body.situationsKey]: { withdrawFund: answer } } } as never
				)
			);
		expect(withdraw('yes')).toContain(`id="root_${key}"`);
		expect(withdraw('yes')).toContain(gjj.title);
		expect(withdraw('no')).not.toContain(`id="root_${key}"`);
	});

	it('?format=xstate gives a machine xstate runs with our guards and actions', async () => {
		const res = await get('/studio/export/item/jiaoshi-zige-buban?format=xstate');
		expect(res.status).toBe(200);
		const body = await res.json();
		const actor = createActor(createMachine(body.machine).provide({ guards, actions } as never)).start();
		expect(actor.getSnapshot().status).toBe('active');
		actor.send({ type: 'ACCEPT', opinion: '予以受理' } as never);
		expect(actor.getSnapshot().status).toBe('done');
		expect(actor.getSnapshot().value).toBe('closed');
	});

	it('keeps the definition export as it was, refuses an unknown format by name, and only for administrators', async () => {
		const plain = await get('/studio/export/item/gjj-tiqu-tuixiu');
		expect(plain.headers.get('content-type')).toContain('application/json');
		expect((await plain.json()).id).toBe('gjj-tiqu-tuixiu');
		const bad = await get('/studio/export/item/gjj-tiqu-tuixiu?format=pdf');
		expect(bad.status).toBe(400);
		expect(await bad.text()).toContain('未知的导出格式「pdf」');
		expect((await get('/studio/export/item/nope?format=rjsf')).status).toBe(404);
		expect((await get('/studio/export/item/gjj-tiqu-tuixiu?format=rjsf', 'lisi')).status).toBe(403);
		// the studio catalog links to all three
		const page = await (await get('/studio')).text();
		for (const href of [
			'/studio/export/item/gjj-tiqu-tuixiu"',
			'/studio/export/item/gjj-tiqu-tuixiu?format=rjsf"',
			'/studio/export/bundle/tuixiu?format=xstate"'
		])
			expect(page).toContain(href);
	});
});
