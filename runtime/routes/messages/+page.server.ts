import { fail } from '@sveltejs/kit';
import { z } from 'zod';
import { getApp } from '$server/app';
import { requireSignedIn } from '$server/staff';
import { guardActions } from '$server/body-limits';
import { notifyPrefs } from '$server/notify';
import type { Actions, PageServerLoad } from './$types';
import { m } from '$lib/paraglide/messages';

/** 消息中心: newest first, a page at a time; what is shown unread is marked read as it is shown. */
export const load: PageServerLoad = async (event) => {
	const actor = requireSignedIn(event);
	const app = await getApp();
	event.setHeaders({ 'cache-control': 'no-store' });
	const page = await app.store.messages.page(actor.id, 20, event.url.searchParams.get('after') ?? undefined).catch(() => ({ rows: [] }));
	const unread = page.rows.filter((x) => !x.readAt).map((x) => x.id);
	if (unread.length) await app.store.messages.markRead(actor.id, unread, app.time.now().toISOString());
	const account = await app.store.accounts.get(actor.id);
	const phone = typeof account?.profile?.phone === 'string' ? account.profile.phone : undefined;
	return {
		messages: page.rows.map((x) => ({ ...x, unread: !x.readAt })),
		next: 'next' in page ? page.next : undefined,
		prefs: notifyPrefs(account),
		phone: phone && `${phone.slice(0, 3)}****${phone.slice(-4)}`
	};
};

const Prefs = z.strictObject({ sms: z.boolean(), email: z.union([z.literal(''), z.email()]) });

export const actions: Actions = guardActions({
	read: async (event) => {
		const actor = requireSignedIn(event);
		const app = await getApp();
		await app.store.messages.markRead(actor.id, 'all', app.time.now().toISOString());
		return { read: true };
	},
	prefs: async (event) => {
		const actor = requireSignedIn(event);
		const app = await getApp();
		const f = await event.request.formData();
		const email = String(f.get('email') ?? '').trim();
		const parsed = Prefs.safeParse({ sms: f.get('sms') === 'on', email });
		if (!parsed.success) return fail(422, { prefsError: m.messages_email_invalid(), email });
		const account = await app.store.accounts.get(actor.id);
		if (!account) return fail(404, { prefsError: '账户不存在' });
		const notify = { sms: parsed.data.sms, ...(parsed.data.email ? { email: parsed.data.email } : {}) };
		await app.store.accounts.put({ ...account, profile: { ...account.profile, notify } });
		return { saved: true };
	}
});
