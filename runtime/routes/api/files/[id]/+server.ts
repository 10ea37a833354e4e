import { HttpError } from '$core/errors';
import { api } from '$server/http';

/** The uploader and staff may read a file; reads are audited for staff. */
export const GET = api(async ({ app, event, actor }) => {
	const meta = await app.store.files.get(event.params.id!);
	if (!meta) throw new HttpError(404, '文件不存在');
	const staff = actor!.roles.some((r) => r !== 'applicant');
	if (meta.ownerId !== actor!.id && !staff) throw new HttpError(403, '您无权查看该文件');
	if (staff) await app.store.audit.append({ id: crypto.randomUUID(), at: app.time.now().toISOString(), actorId: actor!.id, action: 'file.view', detail: { file: meta.id } });
	const bytes = await app.store.files.read(meta.id);
	return new Response(bytes as BodyInit, { headers: { 'content-type': meta.mime, 'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(meta.name)}` } });
});
