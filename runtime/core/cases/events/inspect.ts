// 现场踏勘 (打勾式): every standard ticked 合格 or 不合格; the log keeps each standard's text as it was.
import { z } from 'zod';
import { text, type EventModule } from './common';

const Tick = z.strictObject({ id: z.string(), passed: z.boolean(), remark: z.string().optional(), standard: z.string().optional(), required: z.boolean().optional() });

export const INSPECT: EventModule = {
	label: '提交踏勘记录',
	payload: z.strictObject({ checklist: z.array(Tick).min(1, '踏勘记录须逐项勾选合格或不合格'), remark: z.string().optional() }),
	// a standard left unticked is left out, so the service names it
	fromForm: (f) => ({
		checklist: f
			.getAll('check.id')
			.map(String)
			.filter((id) => text(f, `check.${id}`))
			.map((id) => ({ id, passed: text(f, `check.${id}`) === 'pass', ...(text(f, `remark.${id}`) ? { remark: text(f, `remark.${id}`) } : {}) }))
	})
};
