// 统一公共支付 for cases: what a case owes (from its items' fees and its answers), the citizen's orders at the provider, the
// provider's signed callback (票据 numbered on payment), the gate before 出件, and refunds when a case ends without its result.
import { randomBytes, randomUUID } from 'node:crypto';
import { auditEntry } from '../core/audit';
import { HttpError, forbidden, notFound } from '../core/errors';
import { billOf, formatYuan, type FeeBill } from '../core/payments/fees';
import { LocalTestProvider, PaymentCallbackError, PaymentProviders, type PaymentProvider } from '../core/payments/provider';
import { localDate } from '../core/calendar';
import { ConflictError, type Actor, type CaseRecord, type PaymentOrder, type Store } from '../core/store';
import type { CaseService } from '../core/cases/service';
import type { DefinitionService } from '../core/definitions';
import type { TimeSource } from '../core/time';

/** store.meta key of the local test provider's signing secret (made at first use) */
const LOCAL_SECRET_KEY = 'payments.localSecret';

export interface PaymentStatus {
	bill: FeeBill;
	orders: PaymentOrder[];
	paidFen: number;
	/** still to pay (0 when paid or free) */
	dueFen: number;
	/** the citizen may open an order now */
	payable: boolean;
}

export const yuanText = (fen: number) => `${formatYuan(fen)} 元`;

export class PaymentService {
	constructor(
		private store: Store,
		private cases: CaseService,
		private defs: DefinitionService,
		private time: TimeSource,
		readonly providers: PaymentProviders,
		readonly providerKey: string
	) {}

	get provider(): PaymentProvider {
		return this.providers.get(this.providerKey);
	}

	/** The fees of the items the case handles (a bundle's included members not denied), read in the case's own names. */
	async billOf(c: CaseRecord): Promise<FeeBill> {
		const service = await this.cases.composeFor(c);
		const ctx = c.state.machine.context;
		const included = new Set(service.members.filter((m) => m.included).map((m) => m.item));
		const items = service.pins
			.filter((p) => p.kind === 'item' && (service.kind === 'item' || included.has(p.id)) && ctx.outcomes[p.id] !== 'denied')
			.map((p) => this.defs.cachedItem(p.id, p.version))
			.filter((i) => !!i);
		const names = Object.fromEntries(Object.entries(service.names).map(([k, v]) => [k, { answers: v.answers, fields: v.fields }]));
		return billOf(items, ctx.answers, ctx.data, service.kind === 'bundle' ? names : {});
	}

	async statusOf(c: CaseRecord): Promise<PaymentStatus> {
		const [bill, orders] = await Promise.all([this.billOf(c), this.store.payments.forCase(c.id)]);
		const paidFen = orders.filter((o) => o.status === 'paid').reduce((s, o) => s + o.amountFen, 0);
		const dueFen = Math.max(0, bill.totalFen - paidFen);
		return { bill, orders, paidFen, dueFen, payable: c.status === 'active' && dueFen > 0 };
	}

	/** The gate before 出件: every fee paid. */
	async requirePaid(c: CaseRecord): Promise<void> {
		const s = await this.statusOf(c);
		if (s.dueFen > 0) throw new HttpError(409, `申请人尚未缴费（待缴 ${yuanText(s.dueFen)}），缴费后才能出件`);
	}

	/** The applicant opens an order for what is due; an earlier unpaid order is closed. Returns where to pay. */
	async open(actor: Actor, caseId: string): Promise<{ order: PaymentOrder; payUrl: string }> {
		const c = await this.cases.get(caseId);
		if (c.applicantId !== actor.id) throw forbidden('只有申请人可以缴费');
		const s = await this.statusOf(c);
		if (c.status !== 'active') throw new HttpError(409, '办件已办结，不能缴费');
		if (s.dueFen <= 0) throw new HttpError(409, s.bill.totalFen ? '费用已缴清' : '本事项不收费');
		const now = this.time.now().toISOString();
		for (const o of s.orders.filter((x) => x.status === 'created'))
			await this.store.payments.update({ ...o, status: 'closed' }, 'created', auditEntry(now, actor.id, 'payment.close', c.id, { order: o.id })).catch((e) => {
				if (!(e instanceof ConflictError)) throw e;
			});
		const order: PaymentOrder = {
			id: `PAY${localDate(now).replace(/-/g, '')}${randomUUID().replace(/-/g, '').slice(0, 12).toUpperCase()}`,
			caseId: c.id,
			applicantId: c.applicantId,
			provider: this.providerKey,
			amountFen: s.dueFen,
			lines: s.bill.lines.map((l) => ({ item: l.item, name: l.name, basis: l.basis, quantity: l.quantity, fen: l.fen })),
			status: 'created',
			createdAt: now
		};
		const { payUrl } = await this.provider.createOrder({ id: order.id, amountFen: order.amountFen, subject: this.subject(c) });
		await this.store.payments.create(order, auditEntry(now, actor.id, 'payment.order', c.id, { order: order.id, amountFen: order.amountFen }));
		return { order, payUrl };
	}

	private subject(c: Pick<CaseRecord, 'service' | 'receiptNumber'>) {
		return `${c.service.name}（${c.receiptNumber}）`;
	}

	/** An order as its payer (or staff who may see the case) sees it. */
	async orderFor(actor: Actor, id: string): Promise<{ order: PaymentOrder; subject: string }> {
		const order = await this.store.payments.get(id);
		if (!order) throw notFound('缴费订单');
		const c = await this.cases.get(order.caseId);
		if (order.applicantId !== actor.id && !(await this.cases.canSee(actor, c))) throw forbidden('您无权查看该缴费订单');
		return { order, subject: this.subject(c) };
	}

	/** The provider's callback: verified, then the order is paid once and its 票据 numbered. A repeated callback is answered the same. */
	async callback(headers: Headers, body: string): Promise<PaymentOrder> {
		let notice;
		try {
			notice = this.provider.verifyCallback(headers, body, this.time.now());
		} catch (e) {
			if (e instanceof PaymentCallbackError) throw new HttpError(401, e.message);
			throw e;
		}
		const order = await this.store.payments.get(notice.orderId);
		if (!order) throw notFound('缴费订单');
		if (order.status === 'paid' && order.providerRef === notice.providerRef) return order;
		if (notice.amountFen !== order.amountFen) throw new HttpError(422, `回调金额 ${yuanText(notice.amountFen)} 与订单金额 ${yuanText(order.amountFen)} 不符`);
		if (order.status !== 'created') throw new HttpError(409, `缴费订单已是「${order.status}」状态`);
		const now = this.time.now().toISOString();
		const year = localDate(now).slice(0, 4);
		const seq = await this.store.takeNumber(`payment-receipt-${year}`);
		const c = await this.cases.get(order.caseId);
		const applicant = await this.store.accounts.get(order.applicantId);
		const paid: PaymentOrder = {
			...order,
			status: 'paid',
			providerRef: notice.providerRef,
			paidAt: notice.paidAt,
			receipt: { number: `PJ${year}${String(seq).padStart(8, '0')}`, issuedAt: now, payer: applicant?.name ?? order.applicantId }
		};
		const stored = await this.store.payments.update(
			paid,
			'created',
			auditEntry(now, 'payment-provider', 'payment.paid', c.id, { order: order.id, amountFen: order.amountFen, receipt: paid.receipt!.number })
		);
		// a case that ended while the payer was at the provider gets its money back at once
		if (c.status !== 'active' && c.status !== 'closed') await this.settleEnded(c.id);
		return stored;
	}

	/** A case that ended without its result (不予许可, 不予受理, 撤回, 终止): paid orders are refunded, open ones closed. */
	async settleEnded(caseId: string): Promise<void> {
		const c = await this.cases.get(caseId);
		if (c.status === 'active' || c.status === 'closed') return;
		const reason = { denied: '不予许可', rejected: '不予受理', withdrawn: '申请人撤回', terminated: '办件终止' }[c.status];
		for (const o of await this.store.payments.forCase(caseId)) {
			const now = this.time.now().toISOString();
			try {
				if (o.status === 'created')
					await this.store.payments.update({ ...o, status: 'closed' }, 'created', auditEntry(now, 'system', 'payment.close', caseId, { order: o.id }));
				if (o.status !== 'paid' || !o.providerRef) continue;
				const r = await this.providers
					.get(o.provider)
					.refund({ id: o.id, amountFen: o.amountFen, subject: this.subject(c), providerRef: o.providerRef }, reason);
				await this.store.payments.update(
					{ ...o, status: 'refunded', refund: { at: now, reason: `${reason}，全额退费`, providerRef: r.providerRef } },
					'paid',
					auditEntry(now, 'system', 'payment.refund', caseId, { order: o.id, amountFen: o.amountFen, reason })
				);
			} catch (e) {
				// another process settled it first
				if (!(e instanceof ConflictError)) throw e;
			}
		}
	}
}

/** The app's payment service: PAYMENT_PROVIDER picks the registered provider (default the local test one). */
export async function paymentService(store: Store, cases: CaseService, defs: DefinitionService, time: TimeSource, env = process.env) {
	let secret = env.PAYMENT_LOCAL_SECRET || (await store.meta.get<string>(LOCAL_SECRET_KEY));
	if (!secret) {
		secret = `whsec_${randomBytes(24).toString('base64')}`;
		await store.meta.set(LOCAL_SECRET_KEY, secret);
	}
	const providers = new PaymentProviders().register(new LocalTestProvider(secret));
	const key = env.PAYMENT_PROVIDER || 'local';
	providers.get(key);
	return new PaymentService(store, cases, defs, time, providers, key);
}

/** What a case page shows of the payment (null for a free case with no orders): amounts as yuan text, 票据 and refunds. */
export function paymentView(s: PaymentStatus) {
	if (!s.bill.totalFen && !s.orders.length) return null;
	return {
		total: formatYuan(s.bill.totalFen),
		due: formatYuan(s.dueFen),
		dueFen: s.dueFen,
		payable: s.payable,
		lines: s.bill.lines.map((l) => ({
			name: l.quantity > 1 ? `${l.name} × ${l.quantity}` : l.name,
			amount: formatYuan(l.fen),
			basis: l.basis
		})),
		receipts: s.orders
			.filter((o) => o.receipt)
			.map((o) => ({
				order: o.id,
				number: o.receipt!.number,
				amount: formatYuan(o.amountFen),
				date: localDate(o.paidAt ?? o.receipt!.issuedAt),
				status: o.status
			})),
		refunds: s.orders.filter((o) => o.refund).map((o) => ({ order: o.id, amount: formatYuan(o.amountFen), reason: o.refund!.reason, at: o.refund!.at }))
	};
}
