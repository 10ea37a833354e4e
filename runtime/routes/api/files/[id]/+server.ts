import { auditEntry } from '$core/audit';
import { HttpError } from '$core/errors';
import { fileResponse } from '$server/files';
import { api } from '$server/http';

/** The uploader reads a file; staff read it through a case they may see (?case=) that holds it; staff reads are audited. */
export const GET = api(async ({ app, event, actor }) => {
	const meta = await app.store.files.get(event.params.id!);
	if (!meta) throw new HttpError(404, '文件不存在');
	if (meta.ownerId !== actor!.id) {
		const caseId = event.url.searchParams.get('case');
		const c = caseId ? await app.store.cases.get(caseId) : undefined;
		const holds = c && (await app.cases.holdsFile(c, meta.id));
		if (!c || !holds || !(await app.cases.canSee(actor!, c))) throw new HttpError(403, '您无权查看该文件（须通过您有权查看的办件访问）');
		await app.store.audit.append(auditEntry(app.time.now().toISOString(), actor!.id, 'file.view', c.id, { file: meta.id }));
	}
	const bytes = await app.store.files.read(meta.id);
	if (!bytes) throw new HttpError(404, '文件内容不存在');
	// typed by its bytes: PDF and images inline, anything else (HTML, SVG…) downloads and never runs on our origin
	return fileResponse(bytes, meta.name, { 'cache-control': 'private, no-store' });
});
