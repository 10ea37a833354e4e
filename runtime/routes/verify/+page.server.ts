// 证照核验: a plain form (works without JavaScript), no sign-in. Paste the licence file's text or upload it; the QR code
// printed on a licence opens /verify?id=… and is answered from the registry. Same answers as /api/licences/verify.
import { fail } from '@sveltejs/kit';
import { getApp } from '$server/app';
import { guardActions } from '$server/body-limits';
import { parseJsonText } from '$server/catalog-dir';
import { throttledVerify, verifyFile, verifyId, VerifyById } from '$server/licence-verify';
import type { Actions, PageServerLoad } from './$types';

const MAX_FILE = 64 * 1024;

export const load: PageServerLoad = async ({ url, getClientAddress, locals, setHeaders }) => {
	const raw = url.searchParams.get('id');
	if (raw === null) return {};
	const parsed = VerifyById.safeParse({ id: raw });
	if (!parsed.success) return { refused: parsed.error.issues[0].message };
	const app = await getApp();
	const outcome = await throttledVerify(app, parsed.data.id, getClientAddress(), locals.actor?.id, () => verifyId(app, parsed.data.id));
	if (!outcome.ok) {
		setHeaders({ 'retry-after': String(outcome.retryAfterSeconds) });
		return { refused: outcome.message };
	}
	return { answer: outcome.answer, byId: true };
};

export const actions: Actions = guardActions({
	default: async ({ request, getClientAddress, locals, setHeaders }) => {
		const form = await request.formData();
		const file = form.get('file');
		let text = String(form.get('text') ?? '');
		if (file && typeof file !== 'string' && file.size) {
			if (file.size > MAX_FILE)
				return fail(400, { message: `证照文件不能超过 64 KB（所选文件 ${Math.ceil(file.size / 1024)} KB）`, errors: [{ path: 'file', message: '文件过大' }] });
			text = await file.text();
		}
		if (!text.trim()) return fail(400, { message: '请上传或粘贴下载的电子证照文件（JSON）', errors: [{ path: 'text', message: '请上传或粘贴证照文件' }] });
		if (text.length > MAX_FILE) return fail(400, { message: '粘贴的内容超过 64 KB，不是本平台的证照文件', errors: [{ path: 'text', message: '内容过长' }] });
		const { data, error } = parseJsonText(text);
		if (error) return fail(400, { message: `证照文件不是合法的 JSON：${error}`, errors: [{ path: 'text', message: '不是合法的 JSON' }] });
		const app = await getApp();
		const doc = data as { licence?: { id?: unknown } };
		const key = typeof doc?.licence?.id === 'string' ? doc.licence.id.slice(0, 40) : 'file';
		const outcome = await throttledVerify(app, key, getClientAddress(), locals.actor?.id, () => verifyFile(app, data));
		if (!outcome.ok) {
			setHeaders({ 'retry-after': String(outcome.retryAfterSeconds) });
			return fail(429, { message: outcome.message, errors: [] });
		}
		return { answer: outcome.answer };
	}
});
