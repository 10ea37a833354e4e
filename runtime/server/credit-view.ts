// The apply page offers no 告知承诺 for a material while the applicant's credit record bars it, and says why (server-side).
import type { ComposedMaterial } from '../core/compose';
import { activeRestrictions, restrictionOf } from '../core/credit';
import { formatDate, SERVICE_TIME_ZONE } from '../core/dates';
import type { Store } from '../core/store';

/** The materials as the applicant may provide them now: barred commitments removed, each with the reason in its note. */
export async function barredCommitments(
	store: Store,
	applicantId: string,
	materials: ComposedMaterial[],
	now: Date,
	locale: 'zh-CN' | 'en',
	note: (p: { item: string; at: string; until: string }) => string
): Promise<{ materials: ComposedMaterial[]; barred: Set<string> }> {
	if (!materials.some((m) => m.sources.some((s) => s.kind === 'commitment'))) return { materials, barred: new Set() };
	const active = activeRestrictions(await store.credit.bySubject(applicantId), now);
	const barred = new Set<string>();
	if (!active.size) return { materials, barred };
	const day = (iso: string) => formatDate(iso, { locale, timeZone: SERVICE_TIME_ZONE });
	const out = materials.map((m) => {
		const r = m.sources.some((s) => s.kind === 'commitment') ? restrictionOf(m, active) : undefined;
		if (!r) return m;
		barred.add(m.id);
		const why = note({ item: r.itemName, at: day(r.at), until: day(r.restrictedUntil) });
		return { ...m, sources: m.sources.filter((s) => s.kind !== 'commitment'), note: m.note ? `${m.note}\n${why}` : why };
	});
	return { materials: out, barred };
}
