// 窗口收件 / 帮办代办: the front desk chooses the citizen (by ID or phone number, or a walk-in recorded here), records the
// citizen's authorisation and the service, then fills the same apply page on the citizen's behalf. Plain form posts.
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { Authorisation, AUTHORISATION_KINDS, windowCentre } from '$core/cases/intake';
import { HttpError } from '$core/errors';
import { getApp, type App } from '$server/app';
import { guardActions } from '$server/body-limits';
import { choiceOf, createWalkIn, findCitizens } from '$server/citizens';
import { savePosted } from '$server/material-form';
import { currentFiling, endFiling, startFiling } from '$server/on-behalf';
import { requireStaff } from '$server/staff';
import type { Actions, PageServerLoad } from './$types';

async function frontDesk(event: RequestEvent) {
	const actor = requireStaff(event);
	const app = await getApp();
	const centre = windowCentre(app.catalog.dictionaries, actor);
	if (!centre) error(403, '窗口收件仅供政务服务中心综合受理窗口的工作人员使用');
	return { actor, app, centre };
}

/** The published services a window can receive, each marked when another region decides it (异地代收). */
function services(app: App, region: string) {
	const catalog = app.catalog.current;
	const regionName = (code: string) => app.catalog.dictionaries.regions.find((r) => r.code === code)?.name ?? code;
	const published = (kind: 'item' | 'bundle') => catalog.list(kind).filter((e) => e.version !== undefined);
	const items = published('item').flatMap(({ summary: i }) =>
		i.kind === 'item'
			? [
					{
						value: `item:${i.id}`,
						name: i.name,
						department: catalog.department(i.department),
						elsewhere: i.region && i.region !== region ? regionName(i.region) : undefined
					}
				]
			: []
	);
	const bundles = published('bundle').flatMap(({ summary: b }) => {
		if (b.kind !== 'bundle') return [];
		const regions = new Set<string>();
		for (const m of b.members) {
			const s = catalog.get('item', m)?.summary;
			if (s?.kind === 'item' && s.region && s.region !== region) regions.add(s.region);
		}
		return [
			{
				value: `bundle:${b.id}`,
				name: b.name,
				department: catalog.department(b.leadDepartment),
				elsewhere: regions.size ? [...regions].map(regionName).join('、') : undefined
			}
		];
	});
	return { bundles, items };
}

export const load: PageServerLoad = async (event) => {
	const { actor, app, centre } = await frontDesk(event);
	const chosenId = event.url.searchParams.get('citizen');
	const account = chosenId ? await app.store.accounts.get(chosenId) : undefined;
	if (chosenId && !account?.roles.includes('applicant')) error(404, `申请人账号「${chosenId}」不存在`);
	return {
		centre: { name: centre.name, region: app.catalog.dictionaries.regions.find((r) => r.code === centre.region)?.name ?? centre.region },
		officer: actor.name,
		chosen: account ? choiceOf(account) : null,
		created: event.url.searchParams.has('created'),
		filing: (await currentFiling(app, event)) ?? null,
		kinds: AUTHORISATION_KINDS,
		services: services(app, centre.region)
	};
};

const text = (f: FormData, k: string) => String(f.get(k) ?? '').trim();

export const actions: Actions = guardActions({
	/** 查找申请人 by ID or mobile number (a post keeps the number out of the URL) */
	find: async (event) => {
		const { actor, app } = await frontDesk(event);
		try {
			return { found: await findCitizens(app, actor, text(await event.request.formData(), 'identifier')) };
		} catch (e) {
			if (e instanceof HttpError && e.status < 500) return fail(e.status, { findMessage: e.message });
			throw e;
		}
	},
	/** 窗口收件 of a walk-in: a new citizen account, or the one already holding that ID number */
	walkin: async (event) => {
		const { actor, app } = await frontDesk(event);
		const f = await event.request.formData();
		const typed = { name: text(f, 'name'), idNumber: text(f, 'idNumber'), phone: text(f, 'phone') };
		let out;
		try {
			out = await createWalkIn(app, actor, typed);
		} catch (e) {
			if (e instanceof HttpError && e.status < 500) return fail(e.status, { walkIn: typed, walkInMessage: e.message, walkInErrors: e.errors ?? [] });
			throw e;
		}
		redirect(303, `/workbench/intake?citizen=${encodeURIComponent(out.citizen.id)}${out.created ? '&created=1' : ''}`);
	},
	/** 登记授权 and the service, then the apply page on the citizen's behalf */
	start: async (event) => {
		const { actor, app } = await frontDesk(event);
		const f = await event.request.formData();
		const citizen = text(f, 'citizen');
		const [kind, id] = text(f, 'service').split(':');
		const refused: { path: string; message: string }[] = [];
		const upload = f.get('file');
		const file = upload && typeof upload !== 'string' && upload.size ? await savePosted(app, actor.id, upload, 'file', refused) : undefined;
		const auth = Authorisation.safeParse({
			kind: text(f, 'kind') || undefined,
			...(text(f, 'note') ? { note: text(f, 'note') } : {}),
			...(file ? { file } : {})
		});
		if (!auth.success) refused.push(...auth.error.issues.map((i) => ({ path: String(i.path[0] ?? 'kind'), message: i.message })));
		if ((kind !== 'item' && kind !== 'bundle') || !id) refused.push({ path: 'service', message: '请选择要办理的事项或一件事' });
		else if (app.catalog.current.get(kind, id)?.version === undefined) refused.push({ path: 'service', message: `没有「${id}」这项服务` });
		// what the page shows again on a refusal (an uploaded scan is kept by its id)
		const typed = { kind: text(f, 'kind'), note: text(f, 'note'), service: text(f, 'service') };
		if (refused.length || !auth.success) return fail(422, { startMessage: '授权登记不完整', startErrors: refused, typed });
		try {
			await startFiling(app, event, actor, { applicant: citizen, authorisation: auth.data });
		} catch (e) {
			if (e instanceof HttpError && e.status < 500) return fail(e.status, { startMessage: e.message, startErrors: e.errors ?? [], typed });
			throw e;
		}
		redirect(303, `/apply/${kind}/${id}`);
	},
	/** 结束代办: the apply page no longer files for the citizen */
	end: async (event) => {
		await frontDesk(event);
		endFiling(event.cookies, event.url);
		redirect(303, '/workbench/intake');
	}
});
