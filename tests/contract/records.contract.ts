// The store contract for everything but cases and tasks: definitions, audit, outbox, licences, files, accounts, ratings, drafts, meta.
import { expect, it } from 'vitest';
import { ConflictError, type Account, type DefinitionRecord, type Draft, type Store } from '../../runtime/core/store';
import { audit, idNumber, iso, licence, mobile, outbox, rating, uid } from './fixtures';

const conflict = async (p: Promise<unknown>) => {
	const e = await p.then(
		() => undefined,
		(x: unknown) => x
	);
	expect(e).toBeInstanceOf(ConflictError);
	return e as ConflictError;
};

export function recordContract(s: () => Store) {
	it('puts definitions at the expected revision, keeps published versions immutable', async () => {
		const store = s();
		const id = uid('item');
		const draft: DefinitionRecord = { kind: 'item', id, rev: 0, draft: { definition: { name: '设立' }, updatedAt: iso(1), updatedBy: 'u1' }, versions: [] };
		const first = await store.definitions.put(draft, 0);
		expect(first).toStrictEqual({ ...draft, rev: 1 });
		expect(await store.definitions.get('item', id)).toStrictEqual(first);
		const e = await conflict(store.definitions.put(draft, 0));
		expect(e.current).toStrictEqual(first);
		await conflict(store.definitions.put(first, 5));

		const v1 = { version: 1, hash: 'h1', publishedAt: iso(2), publishedBy: 'u1', note: '首版', definition: { name: '设立', fields: [1, { a: null }] } };
		const published: DefinitionRecord = { kind: 'item', id, rev: 1, versions: [v1] };
		const second = await store.definitions.put(published, 1);
		expect(second).toStrictEqual({ ...published, rev: 2 });
		expect(await store.definitions.get('item', id)).toStrictEqual(second);
		await conflict(store.definitions.put({ ...second, versions: [{ ...v1, hash: 'changed' }] }, 2));
		await conflict(store.definitions.put({ ...second, versions: [] }, 2));
		const v2 = { ...v1, version: 2, hash: 'h2', note: '' };
		const third = await store.definitions.put({ ...second, versions: [v1, v2], draft: draft.draft }, 2);
		expect(await store.definitions.get('item', id)).toStrictEqual(third);
		expect(third.versions).toHaveLength(2);

		await store.definitions.put({ kind: 'bundle', id, rev: 0, versions: [] }, 0);
		expect(await store.definitions.get('bundle', id)).toStrictEqual({ kind: 'bundle', id, rev: 1, versions: [] });
		const items = await store.definitions.list('item');
		expect(items.find((d) => d.id === id)).toStrictEqual(third);
		expect(items.every((d) => d.kind === 'item')).toBe(true);
		expect((await store.definitions.list()).filter((d) => d.id === id).map((d) => d.kind)).toEqual(['bundle', 'item']);
		expect(await store.definitions.get('item', uid('missing'))).toBeUndefined();
	});

	it('seeds definitions in bulk, lists their heads without content, reads chosen versions, and changes the stamp on every write', async () => {
		const store = s();
		const [a, b, c] = [uid('seed'), uid('seed'), uid('seed')];
		const v = (id: string, version: number) => ({
			version,
			hash: `h-${id}-${version}`,
			publishedAt: iso(1),
			publishedBy: 'catalog',
			note: '目录初始版本',
			definition: { id, n: version }
		});
		const stamp0 = await store.definitions.stamp();
		expect(await store.definitions.importMany([])).toBe(0);
		expect(await store.definitions.stamp()).toBe(stamp0);
		expect(
			await store.definitions.importMany([
				{ kind: 'item', id: a, rev: 0, versions: [v(a, 1)] },
				{ kind: 'bundle', id: a, rev: 0, versions: [v(a, 1)] }
			])
		).toBe(2);
		const stamp1 = await store.definitions.stamp();
		expect(stamp1).not.toBe(stamp0);
		// a record already stored is skipped whole (its versions stay as they were), the new one is inserted
		expect(
			await store.definitions.importMany([
				{ kind: 'item', id: a, rev: 0, versions: [{ ...v(a, 1), hash: 'other' }] },
				{ kind: 'item', id: b, rev: 0, versions: [v(b, 1)] }
			])
		).toBe(1);
		expect(await store.definitions.get('item', a)).toStrictEqual({ kind: 'item', id: a, rev: 1, versions: [v(a, 1)] });
		expect(await store.definitions.get('item', b)).toStrictEqual({ kind: 'item', id: b, rev: 1, versions: [v(b, 1)] });
		expect(await store.definitions.importMany([{ kind: 'item', id: b, rev: 0, versions: [] }])).toBe(0);
		const stamp2 = await store.definitions.stamp();
		expect(stamp2).not.toBe(stamp1);

		// a draft of a new definition, then a second version of a seeded one: each write moves the stamp
		await store.definitions.put({ kind: 'item', id: c, rev: 0, versions: [], draft: { definition: { id: c }, updatedAt: iso(2), updatedBy: 'u1' } }, 0);
		const stamp3 = await store.definitions.stamp();
		expect(stamp3).not.toBe(stamp2);
		await store.definitions.put({ kind: 'item', id: b, rev: 1, versions: [v(b, 1), v(b, 2)] }, 1);
		expect(await store.definitions.stamp()).not.toBe(stamp3);

		const heads = (await store.definitions.heads()).filter((h) => [a, b, c].includes(h.id));
		expect(heads).toStrictEqual([
			{ kind: 'bundle', id: a, rev: 1, draft: false, version: 1, hash: `h-${a}-1` },
			{ kind: 'item', id: a, rev: 1, draft: false, version: 1, hash: `h-${a}-1` },
			{ kind: 'item', id: b, rev: 2, draft: false, version: 2, hash: `h-${b}-2` },
			{ kind: 'item', id: c, rev: 1, draft: true }
		]);
		const all = await store.definitions.heads();
		expect(all.map((h) => `${h.kind}/${h.id}`)).toEqual(all.map((h) => `${h.kind}/${h.id}`).sort());

		const got = await store.definitions.versions([
			{ kind: 'item', id: b, version: 1 },
			{ kind: 'item', id: b, version: 2 },
			{ kind: 'bundle', id: a, version: 1 },
			{ kind: 'item', id: c, version: 1 }
		]);
		const byKey = (x: { kind: string; id: string; version: number }) => `${x.kind}/${x.id}/${x.version}`;
		expect(got.map(byKey).sort()).toEqual([`bundle/${a}/1`, `item/${b}/1`, `item/${b}/2`]);
		expect(got.find((x) => byKey(x) === `item/${b}/2`)).toStrictEqual({ kind: 'item', id: b, ...v(b, 2) });
	});

	it('round-trips audit entries, newest first, filtered and limited', async () => {
		const store = s();
		const caseId = uid('case');
		const actorId = uid('actor');
		const entries = [
			audit({ caseId, actorId, at: iso(1), detail: { field: 'x', n: 1 } }),
			audit({ caseId, actorId, at: iso(3) }),
			audit({ actorId, at: iso(2), action: 'login' }),
			audit({ caseId, actorId, at: iso(3), action: 'case.update' })
		];
		await store.audit.append(entries[0]);
		await store.transaction(async (tx) => {
			await tx.audit.append(entries[1]);
			await tx.audit.append(entries[2]);
		});
		await store.audit.append(entries[3]);
		// same instant: the later-appended first
		expect(await store.audit.list({ caseId })).toStrictEqual([entries[3], entries[1], entries[0]]);
		expect(await store.audit.list({ actorId, limit: 2 })).toStrictEqual([entries[3], entries[1]]);
		expect(await store.audit.list({ caseId, actorId, limit: 1 })).toStrictEqual([entries[3]]);
		expect(await store.audit.list({ actorId: uid('nobody') })).toEqual([]);
		expect((await store.audit.list({ limit: 5 })).length).toBeLessThanOrEqual(5);
		expect((await store.audit.list()).length).toBeLessThanOrEqual(200);
	});

	it('round-trips outbox messages appended in a unit of work', async () => {
		const store = s();
		const caseId = uid('case');
		const full = outbox({ caseId, recipientId: 'citizen-1', channel: 'webhook', at: iso(2), status: 'failed', attempts: 3, sentAt: iso(3), lastError: 'x' });
		const bare = outbox({ caseId, at: iso(1) });
		await store.transaction(async (tx) => {
			await tx.outbox.append(full);
			await tx.outbox.append(bare);
		});
		expect(await store.outbox.list({ caseId })).toStrictEqual([bare, full]);
		expect(await store.outbox.list({ caseId, status: 'failed' })).toStrictEqual([full]);
		expect(await store.outbox.list({ caseId, limit: 1 })).toStrictEqual([bare]);
	});

	it('round-trips licences, in and out of a unit of work, by holder', async () => {
		const store = s();
		const holderId = uid('holder');
		const a = licence({ holderId, issuedAt: iso(1) });
		const b = licence({ holderId, issuedAt: iso(2), validUntil: '2035-01-01', caseId: uid('case'), revokedAt: iso(3), revokedReason: '告知承诺不实' });
		await store.licences.put(a);
		await store.transaction(async (tx) => {
			expect(await tx.licences.get(a.id)).toStrictEqual(a);
			await tx.licences.put(b);
			expect(await tx.licences.get(b.id)).toStrictEqual(b);
		});
		expect(await store.licences.get(b.id)).toStrictEqual(b);
		expect(await store.licences.byHolder(holderId)).toStrictEqual([b, a]);
		const renamed = { ...a, name: '新名称' };
		await store.licences.put(renamed);
		expect(await store.licences.get(a.id)).toStrictEqual(renamed);
		expect(await store.licences.byHolder(uid('nobody'))).toEqual([]);
		// a person's licence: the holder is an ID number (sealed; found by its keyed hash), so is an ID card's number
		const person = idNumber();
		const card = licence({ holderId: person, number: person, type: 'ID_CARD', data: { phone: mobile() } });
		await store.licences.put(card);
		expect(await store.licences.get(card.id)).toStrictEqual(card);
		expect(await store.licences.byHolder(person)).toStrictEqual([card]);
		expect(await store.licences.byApplicant(uid('nobody'))).toEqual([]);
	});

	it('keeps file metadata and bytes', async () => {
		const store = s();
		const meta = { id: uid('file'), ownerId: 'o1', name: '申请书.pdf', mime: 'application/pdf', size: 4, sha256: 'ab', createdAt: iso(1) };
		await store.files.put(meta, new Uint8Array([1, 2, 3, 250]));
		expect(await store.files.get(meta.id)).toStrictEqual(meta);
		expect(await store.files.read(meta.id)).toEqual(new Uint8Array([1, 2, 3, 250]));
		expect(await store.files.get(uid('nofile'))).toBeUndefined();
		expect(await store.files.getMany([meta.id, uid('nofile'), meta.id])).toStrictEqual([meta]);
		expect(await store.files.getMany([])).toEqual([]);
		expect(await store.files.read(uid('nofile'))).toBeUndefined();
		expect(await store.files.read('../store.json')).toBeUndefined();
		await expect(store.files.put({ ...meta, id: '../evil' }, new Uint8Array([1]))).rejects.toThrow();
	});

	it("lists one owner's files, newest first and limited, and no one else's", async () => {
		const store = s();
		const [owner, other] = [uid('owner'), uid('owner')];
		const file = (ownerId: string, at: number) => ({
			id: uid('file'),
			ownerId,
			name: `f${at}.pdf`,
			mime: 'application/pdf',
			size: 1,
			sha256: 'ab',
			createdAt: iso(at)
		});
		const mine = [file(owner, 1), file(owner, 3), file(owner, 2)];
		for (const f of [...mine, file(other, 4)]) await store.files.put(f, new Uint8Array([1]));
		expect(await store.files.listByOwner(owner)).toStrictEqual([mine[1], mine[2], mine[0]]);
		expect(await store.files.listByOwner(owner, 2)).toStrictEqual([mine[1], mine[2]]);
		expect(await store.files.listByOwner(uid('nobody'))).toEqual([]);
	});

	it('round-trips accounts; usernames are unique', async () => {
		const store = s();
		const a: Account = { id: uid('acc'), username: uid('user'), name: '王五', passwordHash: 'h', roles: ['reviewer'], department: 'edu' };
		a.profile = { phone: '1' };
		const b: Account = { id: uid('acc'), username: uid('user'), name: '赵六', passwordHash: 'h', roles: [] };
		await store.accounts.put(a);
		await store.accounts.put(b);
		expect(await store.accounts.get(a.id)).toStrictEqual(a);
		expect(await store.accounts.byUsername(b.username)).toStrictEqual(b);
		const list = await store.accounts.list();
		expect(list.filter((x) => x.id === a.id || x.id === b.id)).toStrictEqual([a, b].sort((x, y) => (x.username < y.username ? -1 : 1)));
		await conflict(store.accounts.put({ ...b, id: uid('acc'), username: a.username }));
		const moved = { ...b, name: '改名' };
		delete (moved as Partial<Account>).department;
		await store.accounts.put(moved);
		expect(await store.accounts.get(b.id)).toStrictEqual(moved);
		expect(await store.accounts.byUsername(uid('nobody'))).toBeUndefined();
		// a session reads its account along with it, as the account is now
		const session = { id: uid('sess'), accountId: a.id, createdAt: iso(1), lastSeenAt: iso(1), expiresAt: iso(10) };
		await store.sessions.create(session);
		expect(await store.sessions.withAccount(session.id, iso(2))).toStrictEqual({ session, account: a });
	});

	it('finds accounts by the ID or phone number in their profile, and follows a change of profile', async () => {
		const store = s();
		const id = idNumber();
		const phone = mobile();
		const a: Account = { id: uid('acc'), username: uid('user'), name: '陈一', passwordHash: '', roles: ['applicant'], profile: { idNumber: id, phone } };
		const b: Account = { id: uid('acc'), username: uid('user'), name: '陈二', passwordHash: '', roles: ['applicant'], profile: { phone: mobile() } };
		await store.accounts.put(a);
		await store.accounts.put(b);
		expect(await store.accounts.byIdentifier(id)).toStrictEqual([a]);
		// as typed at a counter: a lower-case x, spaces and hyphens
		expect(await store.accounts.byIdentifier(` ${id.toLowerCase()} `)).toStrictEqual([a]);
		expect(await store.accounts.byIdentifier(`${phone.slice(0, 3)}-${phone.slice(3, 7)} ${phone.slice(7)}`)).toStrictEqual([a]);
		expect(await store.accounts.byIdentifier(idNumber())).toEqual([]);
		const changed = { ...a, profile: { idNumber: id, phone: mobile() } };
		await store.accounts.put(changed);
		expect(await store.accounts.byIdentifier(phone)).toEqual([]);
		expect(await store.accounts.byIdentifier(id)).toStrictEqual([changed]);
	});

	it('keeps one rating per case and guards follow-up updates', async () => {
		const store = s();
		const caseId = uid('case');
		const good = rating(caseId, { comment: '很好', createdAt: iso(900_000) });
		await store.ratings.create(good);
		expect(await store.ratings.get(good.id)).toStrictEqual(good);
		expect(await store.ratings.byCase(caseId)).toStrictEqual(good);
		await conflict(store.ratings.create(rating(caseId)));
		await conflict(store.ratings.create({ ...rating(uid('case')), id: good.id }));

		const poor = rating(uid('case'), { grade: 1, aspects: { attitude: 1, efficiency: 2, quality: 1 }, createdAt: iso(900_001) });
		await store.ratings.create(poor);
		const step = { at: iso(5), actorId: 's1', kind: 'callback' as const, note: '已回访' };
		const followed = { ...poor, followUp: { status: 'calledBack' as const, steps: [step] } };
		await store.ratings.update(followed, 0);
		expect(await store.ratings.get(poor.id)).toStrictEqual(followed);
		const e = await conflict(store.ratings.update({ ...followed, followUp: { status: 'verified', steps: [step, step] } }, 0));
		expect(e.current).toStrictEqual(followed);
		const verified = { ...followed, followUp: { status: 'verified' as const, steps: [step, { ...step, kind: 'verification' as const, justified: true }] } };
		await store.ratings.update(verified, 1);
		await store.ratings.update({ ...verified, comment: '补充' });
		expect(await store.ratings.get(poor.id)).toStrictEqual({ ...verified, comment: '补充' });
		await conflict(store.ratings.update(rating(uid('case'))));

		expect((await store.ratings.list({ limit: 2 })).map((r) => r.id)).toEqual([poor.id, good.id]);
		// the figures' query: the ratings of named cases only
		expect((await store.ratings.list({ caseIds: [caseId, uid('case')] })).map((r) => r.id)).toEqual([good.id]);
		expect((await store.ratings.list({ caseIds: [caseId, poor.caseId], poor: true })).map((r) => r.id)).toEqual([poor.id]);
		expect(await store.ratings.list({ caseIds: [] })).toEqual([]);
		expect((await store.ratings.list({ poor: true, limit: 1 })).map((r) => r.id)).toEqual([poor.id]);
		expect((await store.ratings.list({ poor: false, limit: 1 })).map((r) => r.id)).toEqual([good.id]);
	});

	it('keeps one draft per user and service', async () => {
		const store = s();
		const userId = uid('user');
		const d1: Draft = { userId, serviceKind: 'item', serviceId: 'a', answers: { x: 1 }, data: {}, materials: { m: { source: 'shared' } }, updatedAt: iso(1) };
		const d2: Draft = { ...d1, serviceKind: 'bundle', updatedAt: iso(2) };
		await store.drafts.put(d1);
		await store.drafts.put(d2);
		expect(await store.drafts.get(userId, 'item', 'a')).toStrictEqual(d1);
		expect(await store.drafts.listByUser(userId)).toStrictEqual([d2, d1]);
		const d1b = { ...d1, answers: { x: 2 }, updatedAt: iso(3) };
		await store.drafts.put(d1b);
		expect(await store.drafts.listByUser(userId)).toStrictEqual([d1b, d2]);
		expect(await store.drafts.delete(userId, 'item', 'a')).toBe(true);
		expect(await store.drafts.delete(userId, 'item', 'a')).toBe(false);
		expect(await store.drafts.get(userId, 'item', 'a')).toBeUndefined();
		expect(await store.drafts.listByUser(userId)).toStrictEqual([d2]);
	});

	it('keeps sessions until they are ended or expire', async () => {
		const store = s();
		const live = { id: uid('sess'), accountId: 'acc-1', createdAt: iso(1), lastSeenAt: iso(1), expiresAt: iso(10) };
		const old = { id: uid('sess'), accountId: 'acc-1', createdAt: iso(1), lastSeenAt: iso(1), expiresAt: iso(3) };
		await store.sessions.create(live);
		await store.sessions.create(old);
		expect(await store.sessions.get(live.id, iso(5))).toStrictEqual(live);
		// with its account in the same read (no account stored for this one: the session alone)
		expect(await store.sessions.withAccount(live.id, iso(5))).toStrictEqual({ session: live, account: undefined });
		expect(await store.sessions.withAccount(old.id, iso(5))).toBeUndefined();
		expect(await store.sessions.get(old.id, iso(5))).toBeUndefined();
		expect(await store.sessions.purgeExpired(iso(5))).toBeGreaterThanOrEqual(1);
		expect(await store.sessions.get(old.id, iso(2))).toBeUndefined();
		await store.sessions.delete(live.id);
		expect(await store.sessions.get(live.id, iso(5))).toBeUndefined();
	});

	it('records when a session was last seen, and never brings back an ended one', async () => {
		const store = s();
		const session = { id: uid('sess'), accountId: uid('acc'), createdAt: iso(1), lastSeenAt: iso(1), expiresAt: iso(100) };
		await store.sessions.create(session);
		await store.sessions.touch(session.id, iso(7));
		expect(await store.sessions.get(session.id, iso(8))).toStrictEqual({ ...session, lastSeenAt: iso(7) });
		await store.sessions.delete(session.id);
		await store.sessions.touch(session.id, iso(9));
		expect(await store.sessions.get(session.id, iso(9))).toBeUndefined();
	});

	it("ends every session of one account and no other account's", async () => {
		const store = s();
		const [a, b] = [uid('acc'), uid('acc')];
		const make = (accountId: string) => ({ id: uid('sess'), accountId, createdAt: iso(1), lastSeenAt: iso(1), expiresAt: iso(100) });
		const [a1, a2, b1] = [make(a), make(a), make(b)];
		for (const x of [a1, a2, b1]) await store.sessions.create(x);
		expect(await store.sessions.deleteForAccount(a)).toBe(2);
		expect(await store.sessions.get(a1.id, iso(2))).toBeUndefined();
		expect(await store.sessions.get(a2.id, iso(2))).toBeUndefined();
		expect(await store.sessions.get(b1.id, iso(2))).toStrictEqual(b1);
		expect(await store.sessions.deleteForAccount(a)).toBe(0);
	});

	it('keeps meta values', async () => {
		const store = s();
		const key = uid('meta');
		expect(await store.meta.get(key)).toBeUndefined();
		for (const v of ['secret', 42, { a: [1, { b: '二' }] }, true]) {
			await store.meta.set(key, v);
			expect(await store.meta.get(key)).toStrictEqual(v);
		}
	});
}
