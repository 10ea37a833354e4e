// Giving and withdrawing a standing consent: effective at once, audited (consent.give / consent.withdraw).
import { auditEntry } from '../core/audit';
import { consentActive } from '../core/consents';
import { notFound } from '../core/errors';
import type { Actor, ConsentKind, ConsentRecord, Draft } from '../core/store';
import type { App } from './app';

/** a draft's materials without the 电子证照 it chose (they would be fetched on submission) */
function withoutLicences(d: Draft): Draft | undefined {
	const kept = Object.entries(d.materials ?? {}).filter(([, p]) => (p as { source?: string } | null)?.source !== 'licence');
	return kept.length === Object.keys(d.materials ?? {}).length ? undefined : { ...d, materials: Object.fromEntries(kept) };
}

export interface ConsentChange {
	kind: ConsentKind;
	active: boolean;
	/** false when it already was so (nothing written, nothing audited) */
	changed: boolean;
	record?: ConsentRecord;
	/** drafts whose chosen 电子证照 were cleared by a withdrawal */
	draftsCleared?: number;
}

/** Gives (`given`) or withdraws a consent; doing what is already so changes nothing and is not audited. */
export async function setConsent(app: App, actor: Actor, kind: ConsentKind, given: boolean): Promise<ConsentChange> {
	const account = await app.store.accounts.get(actor.id);
	if (!account) throw notFound('账号');
	const at = app.time.now().toISOString();
	if (consentActive(account, kind) === given) return { kind, active: given, changed: false, record: account.consents?.[kind] };
	const record: ConsentRecord = given ? { givenAt: at } : { ...account.consents![kind]!, withdrawnAt: at };
	await app.store.accounts.put({ ...account, consents: { ...account.consents, [kind]: record } });
	let draftsCleared = 0;
	if (!given && kind === 'licenceFetch')
		for (const d of await app.store.drafts.listByUser(account.id)) {
			const cleared = withoutLicences(d);
			if (cleared) {
				await app.store.drafts.put(cleared);
				draftsCleared++;
			}
		}
	await app.store.audit.append(
		auditEntry(at, account.id, given ? 'consent.give' : 'consent.withdraw', undefined, { kind, ...(given ? {} : { draftsCleared }) })
	);
	return { kind, active: given, changed: true, record, ...(given ? {} : { draftsCleared }) };
}
