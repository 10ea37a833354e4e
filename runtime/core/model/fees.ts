// 收费: what an online-paid fee charges. A fee item without `charge` is described only (paid elsewhere, or its standard is text).
import { z } from 'zod';
import { ConditionSchema } from './condition-schema';

/** An amount in yuan as written in a price notice: whole yuan or up to two decimals (read exactly into 分). */
export const Yuan = z
	.string()
	.regex(/^(0|[1-9][0-9]{0,8})(\.[0-9]{1,2})?$/, '金额应以元为单位，最多两位小数，如 "50" 或 "12.50"')
	.describe('金额（元）');

export const FeeCharge = z
	.strictObject({
		yuan: Yuan.describe('金额（元）；有 per 时为单价'),
		when: ConditionSchema.optional().describe('收取条件（办事情形或表单字段）；缺省 = 一律收取'),
		per: z
			.string()
			.regex(/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/, '数量字段应为表单字段路径')
			.optional()
			.describe('计费数量: a form field whose whole number multiplies the amount (e.g. 份数)')
	})
	.describe('在线缴费金额');
export type FeeCharge = z.infer<typeof FeeCharge>;
