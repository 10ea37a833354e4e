// 电子证照库: a provider interface, and the local implementation over the store. Another implementation can call a provincial licence platform.
import type { Actor, Licence, Store } from './store';

/** A licence can stand in for a material while it is valid and not revoked. */
export const usableLicence = (l: Licence, nowIso: string) => !l.revokedAt && (!l.validUntil || l.validUntil.slice(0, 10) >= nowIso.slice(0, 10));

export interface LicenceLibrary {
	get(id: string): Promise<Licence | undefined>;
	/** Every licence the account holds (as a person or an organisation) or obtained through its own applications, revoked ones included. */
	ofAccount(accountId: string): Promise<Licence[]>;
	/** Those the account may authorise fetching into an application now: valid and not revoked. */
	fetchable(accountId: string, nowIso: string): Promise<Licence[]>;
	mayRead(actor: Pick<Actor, 'id' | 'roles'>, licence: Licence): Promise<boolean>;
	/** Adds a licence issued by a closed case; adding it again changes nothing. */
	add(licence: Licence): Promise<void>;
	revoke(id: string, reason: string, at: string): Promise<void>;
}

export class LocalLicenceLibrary implements LicenceLibrary {
	constructor(private store: Store) {}

	get(id: string) {
		return this.store.licences.get(id);
	}

	private async holders(accountId: string): Promise<string[]> {
		const profile = (await this.store.accounts.get(accountId))?.profile;
		return [profile?.idNumber, profile?.creditCode].filter((x): x is string => typeof x === 'string' && x.length > 0);
	}

	async ofAccount(accountId: string): Promise<Licence[]> {
		const held = (await Promise.all((await this.holders(accountId)).map((h) => this.store.licences.byHolder(h)))).flat();
		const obtained = await this.store.licences.byApplicant(accountId);
		return [...new Map([...held, ...obtained].map((l) => [l.id, l])).values()];
	}

	async fetchable(accountId: string, nowIso: string): Promise<Licence[]> {
		return (await this.ofAccount(accountId)).filter((l) => usableLicence(l, nowIso));
	}

	async mayRead(actor: Pick<Actor, 'id' | 'roles'>, licence: Licence): Promise<boolean> {
		if (actor.roles.includes('admin')) return true;
		if ((await this.holders(actor.id)).includes(licence.holderId)) return true;
		return !!licence.caseId && (await this.store.cases.get(licence.caseId))?.applicantId === actor.id;
	}

	async add(licence: Licence) {
		if (!(await this.store.licences.get(licence.id))) await this.store.licences.put(licence);
	}

	async revoke(id: string, reason: string, at: string) {
		const licence = await this.store.licences.get(id);
		if (licence && !licence.revokedAt) await this.store.licences.put({ ...licence, revokedAt: at, revokedReason: reason });
	}
}
