// 证书模板: what a licence type's certificate carries (per licence type, in the licence-type dictionary) and where each
// value comes from (per item, in its result section). Data only; checked at load and at publish (runtime/core/certificates.ts).
import { z } from 'zod';
import { Ident } from './common';

/** The human certificate number: prefix + year + region code + a sequence unique per licence type, year and region. */
export const NumberingRule = z.strictObject({
	prefix: z.string().trim().min(1, '编号前缀不能为空').max(8, '编号前缀最多 8 个字').describe('编号前缀, e.g. 教资'),
	digits: z.number().int().min(4, '序号至少 4 位').max(8, '序号最多 8 位').default(6).describe('序号位数')
});
export type NumberingRule = z.infer<typeof NumberingRule>;

export const CertificateField = z.strictObject({
	key: Ident,
	label: z.string().trim().min(1, '证书字段名称不能为空'),
	/** the certificate cannot be issued without it: its source must always hold a value */
	required: z.boolean().default(false),
	/** personal data: shown masked on the public verification page */
	personal: z.boolean().default(false)
});
export type CertificateField = z.infer<typeof CertificateField>;

export const CertificateTemplate = z
	.strictObject({
		numbering: NumberingRule,
		fields: z.array(CertificateField).default([])
	})
	.superRefine((t, ctx) => {
		const seen = new Set<string>();
		t.fields.forEach((f, i) => {
			if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `证书字段「${f.key}」重复` });
			seen.add(f.key);
		});
	});
export type CertificateTemplate = z.infer<typeof CertificateTemplate>;

/** Where a certificate value comes from: a form field (dotted path), a situation answer, the case, or the numbering rule. */
export const CASE_SOURCES = {
	receiptNumber: '受理编号',
	submittedAt: '申请日期',
	issuedAt: '发证日期',
	validUntil: '有效期至',
	number: '证书编号（编号规则）'
} as const;
export const CertificateSource = z.union([
	z.strictObject({ field: z.string().min(1) }),
	z.strictObject({ answer: z.string().min(1) }),
	z.strictObject({ case: z.enum(Object.keys(CASE_SOURCES) as [keyof typeof CASE_SOURCES, ...(keyof typeof CASE_SOURCES)[]]) })
]);
export type CertificateSource = z.infer<typeof CertificateSource>;

/** certificate field key → source */
export const CertificateMapping = z.record(z.string(), CertificateSource);
export type CertificateMapping = z.infer<typeof CertificateMapping>;
