import { json } from '@sveltejs/kit';
import { auditEntry } from '$core/audit';
import { api } from '$server/http';
import { personalData } from '$server/personal-data';

/**
 * What the platform holds about the signed-in person: account (no password or second-factor secret), cases, uploaded
 * files (metadata), licences, ratings, drafts, consents, and who opened their cases. `?download=1`: the same as a JSON
 * file (audited as me.data.download).
 */
export const GET = api(async ({ app, event, actor }) => {
	const data = await personalData(app, actor!);
	const headers: Record<string, string> = { 'cache-control': 'no-store' };
	if (event.url.searchParams.get('download') === '1') {
		await app.store.audit.append(auditEntry(data.generatedAt, actor!.id, 'me.data.download'));
		const day = data.generatedAt.slice(0, 10);
		headers['content-disposition'] = `attachment; filename="personal-data-${day}.json"`;
		return new Response(JSON.stringify(data, null, 2), { headers: { ...headers, 'content-type': 'application/json; charset=utf-8' } });
	}
	return json(data, { headers });
});
