import { z } from 'zod';
import { IsoDate, Slug } from './common';

export const Department = z.strictObject({
	id: Slug,
	name: z.string().min(2),
	shortName: z.string(),
	region: z.string(),
	kind: z.enum(['government', 'serviceCenter', 'staffing']).default('government'),
	phone: z.string().optional()
});
export const Region = z.strictObject({
	code: z.string().regex(/^\d{6}$/),
	name: z.string(),
	level: z.enum(['national', 'provincial', 'city', 'county', 'township', 'village']),
	parent: z.string().optional()
});
export const Role = z.strictObject({
	id: z.string().regex(/^[a-zA-Z]+$/),
	name: z.string(),
	staff: z.boolean().describe('true for government staff, false for applicants'),
	description: z.string().optional()
});
export const LicenceType = z.strictObject({
	code: z.string().min(2),
	name: z.string(),
	issuer: z.string().describe('department id or external issuer name'),
	holder: z.enum(['citizen', 'legalPerson'])
});
export const SemanticKey = z.strictObject({
	key: z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)*$/),
	label: z.string(),
	type: z.enum(['string', 'number', 'integer', 'boolean', 'object', 'array']),
	format: z.string().optional(),
	profile: z.string().optional().describe('profile field that prefills it'),
	sensitive: z
		.boolean()
		.optional()
		.describe(
			'a personal identifier (身份证号、手机号、银行账号…): encrypted at rest and masked for viewers who do not need it; id-number and phone formats are by default'
		)
});
export const Calendar = z.strictObject({
	year: z.number().int(),
	source: z.string(),
	holidays: z.array(z.strictObject({ name: z.string(), from: IsoDate, to: IsoDate })),
	workdays: z.array(z.strictObject({ date: IsoDate, note: z.string() })).describe('调休上班日')
});

export const Dictionaries = z
	.strictObject({
		departments: z.array(Department).min(1),
		regions: z.array(Region).min(1),
		roles: z.array(Role).min(1),
		licenceTypes: z.array(LicenceType),
		semanticKeys: z.array(SemanticKey),
		calendars: z.array(Calendar).min(1)
	})
	.meta({ id: 'Dictionaries' });
export type Dictionaries = z.infer<typeof Dictionaries>;
export type Calendar = z.infer<typeof Calendar>;
export type Department = z.infer<typeof Department>;
