import { invalid, notFound } from '$core/errors';
import type { DefinitionKind, Draft } from '$core/store';
import { DraftBody } from '$server/api-bodies';
import { api, parseBody, readJson } from '$server/http';

/** Saved, unsubmitted applications (保存草稿，下次继续). Private to the signed-in user. */

const MAX_DRAFT_BYTES = 256 * 1024;
const KIND_LABEL: Record<DefinitionKind, string> = { item: '事项', bundle: '一件事' };

function target(params: Partial<Record<string, string>>): { kind: DefinitionKind; id: string } {
	const { kind, id } = params;
	if (kind !== 'item' && kind !== 'bundle')
		throw invalid('草稿类型不正确', [{ path: 'kind', message: `应为 item（事项）或 bundle（一件事），收到「${kind}」` }]);
	if (!id || !/^[A-Za-z0-9_.-]{1,100}$/.test(id))
		throw invalid('草稿对应的服务编号不正确', [{ path: 'id', message: '编号只能包含字母、数字、点、横线和下划线' }]);
	return { kind, id };
}

export const GET = api(async ({ app, event, actor }) => {
	const { kind, id } = target(event.params);
	const draft = await app.store.drafts.get(actor!.id, kind, id);
	if (!draft) throw notFound('草稿');
	return { draft };
});

export const PUT = api(async ({ app, event, actor }) => {
	const { kind, id } = target(event.params);
	if (!(await app.store.definitions.get(kind, id))) throw notFound(`${KIND_LABEL[kind]}「${id}」`);
	const body = parseBody(DraftBody, await readJson(event.request, MAX_DRAFT_BYTES));
	const draft: Draft = { userId: actor!.id, serviceKind: kind, serviceId: id, ...body, updatedAt: app.time.now().toISOString() };
	await app.store.drafts.put(draft);
	return { draft };
});

/** Idempotent: `{deleted: false}` when there was nothing to delete (e.g. after submitting). */
export const DELETE = api(async ({ app, event, actor }) => {
	const { kind, id } = target(event.params);
	return { deleted: await app.store.drafts.delete(actor!.id, kind, id) };
});
