// 送达方式: what the item (or the bundle's 统一出件) allows, the applicant's choice at application (with a postal address
// for 邮寄), and what the citizen sees of it on the case page. The browser imports delivery-labels.ts instead.
import { z } from 'zod';
import { DELIVERY_LABELS, DELIVERY_METHODS, defaultMethod, type DeliveryMethod } from './delivery-labels';

export { DELIVERY_LABELS, DELIVERY_METHODS, defaultMethod, deliveryStatus, type DeliveryMethod } from './delivery-labels';

export const PostalAddress = z.strictObject({
	recipient: z.string().trim().min(2, '收件人姓名至少 2 个字').max(30, '收件人姓名最多 30 个字'),
	phone: z
		.string()
		.trim()
		.regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8})$/, '收件人电话应为 11 位手机号码或带区号的固定电话'),
	address: z.string().trim().min(5, '收件地址至少 5 个字，写到门牌号').max(100, '收件地址最多 100 个字'),
	postcode: z
		.string()
		.trim()
		.regex(/^\d{6}$/, '邮政编码应为 6 位数字')
		.optional()
});
export type PostalAddress = z.infer<typeof PostalAddress>;

/** What the applicant posts: the method, and the address when it is 邮寄. */
export const DeliveryChoice = z.strictObject({ method: z.enum(DELIVERY_METHODS), address: z.record(z.string(), z.unknown()).optional() });
export type DeliveryChoice = z.infer<typeof DeliveryChoice>;

const names = (allowed: readonly DeliveryMethod[]) => allowed.map((m) => DELIVERY_LABELS[m]).join('、');

/** The checked choice (address trimmed, only for 邮寄) or the problems, each named by its field. */
export function checkDelivery(
	choice: DeliveryChoice | undefined,
	allowed: readonly DeliveryMethod[]
): { value?: { method: DeliveryMethod; address?: PostalAddress }; errors: { path: string; message: string }[] } {
	// API clients may leave it out: the issuer then takes the first allowed method
	if (!choice) return { errors: [] };
	if (!allowed.includes(choice.method))
		return {
			errors: [{ path: 'delivery.method', message: `送达方式：本事项不提供「${DELIVERY_LABELS[choice.method] ?? choice.method}」，可选${names(allowed)}` }]
		};
	if (choice.method !== 'post') return { value: { method: choice.method }, errors: [] };
	const raw = { ...(choice.address ?? {}) };
	if (raw.postcode === '') delete raw.postcode;
	const parsed = PostalAddress.safeParse(raw);
	if (!parsed.success)
		return {
			errors: parsed.error.issues.map((i) => ({ path: `delivery.address.${String(i.path[0] ?? 'address')}`, message: `邮寄地址：${i.message}` }))
		};
	return { value: { method: 'post', address: parsed.data }, errors: [] };
}

/** The ISSUE event's method: the issuer's, else the applicant's choice, else the first allowed; one not allowed is refused by name. */
export function issueDelivery(
	posted: { delivery?: string; trackingNumber?: string },
	chosen: DeliveryMethod | undefined,
	allowed: readonly DeliveryMethod[]
): { method?: DeliveryMethod; errors: { path: string; message: string }[] } {
	const method = (posted.delivery || chosen || defaultMethod(allowed)) as DeliveryMethod;
	if (allowed.length && !allowed.includes(method))
		return { errors: [{ path: 'delivery', message: `送达方式：本办件不提供「${DELIVERY_LABELS[method] ?? method}」，可选${names(allowed)}` }] };
	if (method === 'post' && !posted.trackingNumber?.trim()) return { errors: [{ path: 'trackingNumber', message: '邮寄送达须填写快递单号' }] };
	return { method, errors: [] };
}
