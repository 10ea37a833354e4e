import { api } from '$server/http';

/** The signed-in citizen's electronic licences (电子证照). */
export const GET = api(async ({ app, actor }) => {
	const account = await app.store.accounts.get(actor!.id);
	const holder = account?.profile?.idNumber as string | undefined;
	return { licences: holder ? await app.store.licences.byHolder(holder) : [] };
});
