// 送达方式 as the browser needs them (labels, the default choice, the status line): no zod, so form pages stay light.
export const DELIVERY_METHODS = ['window', 'post', 'online'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_LABELS: Record<DeliveryMethod, string> = { window: '窗口领取', post: '邮寄', online: '电子证照（网上送达）' };

/** Without a choice: 电子证照 where allowed, else 窗口领取, else what there is (邮寄 needs an address, so it is never assumed first). */
export const defaultMethod = (allowed: readonly DeliveryMethod[]): DeliveryMethod =>
	(['online', 'window', 'post'] as const).find((m) => allowed.includes(m)) ?? 'online';

/** 送达状态 as the citizen reads it. */
export function deliveryStatus(d: { method: DeliveryMethod; trackingNumber?: string } | undefined, handedOver: boolean): string {
	if (!d) return handedOver ? '已出件' : '待出件';
	if (!handedOver) return `待出件（${DELIVERY_LABELS[d.method]}）`;
	if (d.method === 'post') return d.trackingNumber ? '已寄出' : '已交邮寄';
	if (d.method === 'window') return '可到窗口领取';
	return '已送达（电子证照）';
}
