// The guide's words for a fee paid online (amounts exact, from 分).
import type { FeeCharge } from '$core/model/fees';
import { formatYuan, toFen } from '$core/payments/amounts';
import { m } from '$lib/paraglide/messages';

export function onlineFeeText(charge: FeeCharge | undefined): string {
	if (!charge) return '';
	const amount = formatYuan(toFen(charge.yuan));
	return charge.when ? m.guide_fee_online_when({ amount }) : charge.per ? m.guide_fee_online_per({ amount }) : m.guide_fee_online({ amount });
}
