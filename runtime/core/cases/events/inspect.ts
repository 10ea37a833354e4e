// 现场踏勘 (打勾式): every standard ticked 合格 or 不合格; the log keeps each standard's text as it was.
import { z } from 'zod';
import { text, type EventModule } from './common';
import { EVENT_LABELS } from './labels';

const Tick = z.strictObject({
	id: z.string(),
	passed: z.boolean(),
	remark: z.string().optional(),
	standard: z.string().optional(),
	required: z.boolean().optional(),
	/** 联合踏勘: the branch whose standard this is (absent = the sender's own) */
	branch: z.string().optional()
});

export const INSPECT: EventModule = {
	label: EVENT_LABELS.INSPECT,
	payload: z.strictObject({
		checklist: z.array(Tick).min(1, '踏勘记录须逐项勾选合格或不合格'),
		remark: z.string().optional(),
		/** 联合踏勘 (进一次门、查多项事): the other branches inspected in the same visit, each moved by this one record */
		joint: z.array(z.string()).optional()
	}),
	// a standard left unticked is left out, so the service names it; a joint branch's standards are posted as "branch/id"
	fromForm: (f) => {
		const joint = f.getAll('joint').map(String).filter(Boolean);
		const checklist = f
			.getAll('check.id')
			.map(String)
			.filter((key) => text(f, `check.${key}`) && (!key.includes('/') || joint.includes(key.split('/')[0])))
			.map((key) => {
				const [branch, id] = key.includes('/') ? key.split('/') : [undefined, key];
				return {
					id,
					...(branch ? { branch } : {}),
					passed: text(f, `check.${key}`) === 'pass',
					...(text(f, `remark.${key}`) ? { remark: text(f, `remark.${key}`) } : {})
				};
			});
		return { checklist, ...(joint.length ? { joint } : {}) };
	}
};
