// Fees and payment: amounts read exactly in 分, fees charged by condition or count from a case's answers and form,
// old fee declarations still parse, definition checks name a bad fee, and the provider's callback signature holds.
import { describe, expect, it } from 'vitest';
import { Item } from '../../runtime/core/model/item';
import { checkItem } from '../../runtime/core/check';
import { billOf, formatYuan, itemFees, toFen } from '../../runtime/core/payments/fees';
import { LocalTestProvider, PaymentCallbackError, PaymentProviders, signPayment } from '../../runtime/core/payments/provider';
import { shippedItems } from './helpers/shipped-catalog';
import { dictionaries } from './fixtures/catalog';

const putonghua = shippedItems.find((i) => i.id === 'putonghua-ceshi')!;

/** the shipped item with other fees (the model's input, so defaults apply) */
const withFees = (fees: unknown) => Item.parse({ ...JSON.parse(JSON.stringify(putonghua)), fees });

describe('amounts', () => {
	it('reads yuan into 分 exactly, where floating point would not', () => {
		expect(toFen('0.1') + toFen('0.2')).toBe(30);
		expect(toFen('19.99') * 3).toBe(5997);
		expect(toFen('50')).toBe(5000);
		expect(toFen('12.5')).toBe(1250);
		expect(formatYuan(5997)).toBe('59.97');
		expect(formatYuan(5)).toBe('0.05');
		expect(() => toFen('1.234')).toThrow('金额格式不正确');
	});

	it('refuses an amount that is not yuan with at most two decimals, naming the fee', () => {
		for (const yuan of ['1.234', '-5', '05', '五十', '1e3']) {
			const r = Item.safeParse({
				...JSON.parse(JSON.stringify(putonghua)),
				fees: { free: false, items: [{ name: '测试费', standard: '每人次', basis: '标准', charge: { yuan } }] }
			});
			expect(r.success, yuan).toBe(false);
			const issue = r.error!.issues.find((i) => i.path.join('.') === 'fees.items.0.charge.yuan');
			expect(issue?.message, yuan).toContain('最多两位小数');
		}
	});

	it('still reads fees declared as text only (no online payment) and free items', () => {
		const old = withFees({ free: false, items: [{ name: '工本费', standard: '每本 10 元', basis: '物价文件' }] });
		expect(itemFees(old, {}, {})).toEqual([]);
		expect(itemFees(withFees({ free: true }), {}, {})).toEqual([]);
	});
});

describe('what a case owes', () => {
	const item = withFees({
		free: false,
		items: [
			{ name: '测试费', standard: '每人次 50 元', basis: '核定标准', charge: { yuan: '50' } },
			{ name: '证书补发工本费', standard: '每本 6.5 元', basis: '工本费标准', charge: { yuan: '6.5', per: 'copies', when: { field: 'copies', gt: 0 } } },
			{ name: '加急费', standard: '按情形', basis: '加急标准', charge: { yuan: '20', when: { answer: 'urgent', eq: 'yes' } } }
		]
	});

	it('charges fixed fees, fees whose condition holds, and per-count fees times the count', () => {
		const none = itemFees(item, { urgent: 'no' }, {});
		expect(none.map((l) => [l.name, l.fen])).toEqual([['测试费', 5000]]);
		const all = itemFees(item, { urgent: 'yes' }, { copies: 3 });
		expect(all.map((l) => [l.name, l.quantity, l.fen])).toEqual([
			['测试费', 1, 5000],
			['证书补发工本费', 3, 1950],
			['加急费', 1, 2000]
		]);
		expect(all[0].basis).toBe('核定标准');
		expect(billOf([item], { urgent: 'yes' }, { copies: '3' }).totalFen).toBe(8950);
	});

	it('charges nothing for a count that is not a whole positive number', () => {
		for (const copies of [1.5, -2, 'abc', ''])
			expect(
				itemFees(item, {}, { copies }).map((l) => l.name),
				String(copies)
			).toEqual(['测试费']);
	});

	it('reads a bundle member’s answers and fields under their composed names', () => {
		const names = { [item.id]: { answers: { urgent: `${item.id}.urgent` }, fields: { copies: `${item.id}__copies` } } };
		const bill = billOf([item], { [`${item.id}.urgent`]: 'yes', urgent: 'no' }, { [`${item.id}__copies`]: 2, copies: 9 }, names);
		expect(bill.totalFen).toBe(5000 + 1300 + 2000);
	});

	it('the shipped 普通话水平测试报名 charges its 测试费 of 50 元', () => {
		expect(billOf([putonghua], {}, {}).totalFen).toBe(5000);
		expect(checkItem(putonghua, dictionaries, 'putonghua-ceshi.json').filter((i) => i.path.startsWith('fees'))).toEqual([]);
	});

	it('the definition check names a fee condition or count field the item does not have', () => {
		const bad = withFees({
			free: false,
			items: [{ name: '工本费', standard: '每本', basis: '标准', charge: { yuan: '5', per: 'nosuch', when: { answer: 'ghost', eq: 'x' } } }]
		});
		const issues = checkItem(bad, dictionaries, 'putonghua-ceshi.json').map((i) => `${i.path}: ${i.message}`);
		expect(issues).toContain('fees.items[0].charge.per: 计费数量字段「nosuch」不在表单中');
		expect(issues).toContain('fees.items[0].charge.when: 条件引用了不存在的办事情形「ghost」');
		const text = withFees({ free: false, items: [{ name: '工本费', standard: '每本', basis: '标准', charge: { yuan: '5', per: 'workUnit' } }] });
		expect(checkItem(text, dictionaries, 'putonghua-ceshi.json').map((i) => i.message)).toContain('计费数量字段「workUnit」应为数字字段');
	});
});

describe('the local test provider', () => {
	const secret = `whsec_${Buffer.from('a-test-secret-of-24-bytes!').toString('base64')}`;
	const provider = new LocalTestProvider(secret);
	const order = { id: 'PAY20260301ABCDEF123456', amountFen: 5000, subject: '普通话水平测试报名（QZ1）' };
	const now = new Date('2026-03-01T02:00:00Z');
	const headersOf = (h: Record<string, string>) => new Headers(h);

	it('pays on this site and accepts its own signed callback', async () => {
		expect((await provider.createOrder(order)).payUrl).toBe('/pay/PAY20260301ABCDEF123456');
		const cb = provider.paidCallback(order, now);
		const notice = provider.verifyCallback(headersOf(cb.headers), cb.body, now);
		expect(notice).toMatchObject({ orderId: order.id, amountFen: 5000, paidAt: now.toISOString() });
		expect(notice.providerRef).toMatch(/^LOCAL/);
	});

	it('refuses a callback with a changed body, another key, no signature, or one too old', () => {
		const cb = provider.paidCallback(order, now);
		const refuse = (headers: Record<string, string>, body: string, at = now) => {
			expect(() => provider.verifyCallback(headersOf(headers), body, at)).toThrow(PaymentCallbackError);
		};
		refuse(cb.headers, cb.body.replace('5000', '1'));
		const other = new LocalTestProvider(`whsec_${Buffer.from('someone-else-entirely-xx').toString('base64')}`).paidCallback(order, now);
		refuse({ ...cb.headers, 'payment-signature': other.headers['payment-signature'] }, cb.body);
		refuse({ ...cb.headers, 'payment-signature': '' }, cb.body);
		refuse(cb.headers, cb.body, new Date(now.getTime() + 6 * 60_000));
		// a signature over another order's id does not pay this one
		const ts = cb.headers['payment-timestamp'];
		refuse({ ...cb.headers, 'payment-id': 'PAYOTHER' }, cb.body);
		expect(signPayment(secret, order.id, Number(ts), cb.body)).toBe(cb.headers['payment-signature']);
	});

	it('refunds with a reference of its own, and the registry names an unknown provider', async () => {
		const r = await provider.refund({ ...order, providerRef: 'LOCAL1' });
		expect(r.providerRef).toMatch(/^REFUND-LOCAL1-/);
		const reg = new PaymentProviders().register(provider);
		expect(reg.get('local')).toBe(provider);
		expect(() => reg.get('unionpay')).toThrow('未登记的支付渠道：unionpay（已登记：local）');
	});
});
