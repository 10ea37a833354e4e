// The 办事指南's vocabulary (item types, sources, levels…) in the page's language. Each label is its own message
// function, named here one by one so the bundler keeps only these.
import { m } from '$lib/paraglide/messages';

const pick =
	<K extends string>(labels: Record<K, () => string>) =>
	(key: K) =>
		labels[key]?.() ?? key;

export const itemTypeLabel = pick({
	licensing: m.item_type_licensing,
	payment: m.item_type_payment,
	confirmation: m.item_type_confirmation,
	reward: m.item_type_reward,
	adjudication: m.item_type_adjudication,
	otherPower: m.item_type_other_power,
	publicService: m.item_type_public_service
});
export const powerSourceLabel = pick({
	statutory: m.power_statutory,
	delegated: m.power_delegated,
	authorized: m.power_authorized,
	entrusted: m.power_entrusted
});
export const levelLabel = pick({
	national: m.level_national,
	provincial: m.level_provincial,
	city: m.level_city,
	county: m.level_county,
	township: m.level_township,
	village: m.level_village
});
export const sourceLabel = pick({ upload: m.source_upload, licence: m.source_licence, commitment: m.source_commitment, shared: m.source_shared });
export const objectLabel = pick({ citizen: m.object_citizen, legalPerson: m.object_legal_person });
export const depthLabel = (depth: number) => [m.depth_1, m.depth_2, m.depth_3, m.depth_4][depth - 1]?.() ?? '';
export const resultTypeLabel = pick({
	licence: m.result_licence,
	certificate: m.result_certificate,
	approvalDocument: m.result_approval_document,
	confirmation: m.result_confirmation,
	other: m.result_other
});
export const deliveryLabel = pick({ window: m.delivery_window, post: m.delivery_post, online: m.delivery_online });
export const formLabel = pick({ original: m.form_original, copy: m.form_copy, electronic: m.form_electronic });
export const visitsLabel = (v: 0 | 1 | 'n') => (v === 0 ? m.visits_0() : v === 1 ? m.visits_1() : m.visits_n());
