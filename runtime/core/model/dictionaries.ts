import { z } from 'zod';
import { IsoDate, Slug } from './common';
import { Subject } from './subjects';
import { CertificateTemplate } from './certificate';
import { ITEM_TYPES } from './item-labels';

const keys = <T extends Record<string, string>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

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
	holder: z.enum(['citizen', 'legalPerson']),
	certificate: CertificateTemplate.optional().describe('证书模板: the fields the certificate carries and its numbering rule')
});
export const SemanticKey = z.strictObject({
	key: z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z]*)*$/),
	label: z.string(),
	type: z.enum(['string', 'number', 'integer', 'boolean', 'object', 'array']),
	format: z.string().optional(),
	subject: Subject.optional().describe("whose data it is (absent = applicant); the profile fills it only for the signed-in person's own role"),
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
const SearchWord = z.string().trim().min(1, '同义词不能为空').max(20, '同义词最多 20 个字').regex(/^\S+$/, '同义词不能含空格：一组里的每个词单独列出');
export const SearchSynonym = z
	.strictObject({
		words: z.array(SearchWord).min(2, '一组同义词至少要有两个词'),
		oneWay: z
			.boolean()
			.optional()
			.describe('true: only the first word also searches the others (退休金 → 养老金), not the reverse; absent: every word finds the others')
	})
	.describe('words citizens use for the same thing: a query containing one also searches with it replaced by the others');

/** The words of a decision by 事项类型 (workflow-vocabulary.json): templates, the designer and the workbench use them. */
export const WorkflowWording = z.strictObject({
	itemType: z.enum(keys(ITEM_TYPES)).describe('事项类型'),
	approve: z.string().min(2).describe('the APPROVE event and an approved outcome, e.g. 准予许可'),
	deny: z.string().min(2).describe('the DENY event and a denied outcome, e.g. 不予许可'),
	decision: z.string().min(2).describe("the decision step's name, e.g. 审批决定")
});
export type WorkflowWording = z.infer<typeof WorkflowWording>;

/** 中介服务 (网上中介超市): a service an applicant buys from an intermediary; its time is not counted in the promise. */
export const IntermediaryService = z.strictObject({
	id: Slug,
	name: z.string().min(2).describe('中介服务名称'),
	provider: z.string().min(2).describe('服务机构 (or the kind of qualified provider)'),
	timeLimitDays: z.number().min(0).multipleOf(0.5).describe('服务时限 (工作日)'),
	feeBasis: z.string().min(2).describe('收费依据'),
	basis: z.string().optional().describe('设定依据')
});
export type IntermediaryService = z.infer<typeof IntermediaryService>;

export const Dictionaries = z
	.strictObject({
		departments: z.array(Department).min(1),
		regions: z.array(Region).min(1),
		roles: z.array(Role).min(1),
		licenceTypes: z.array(LicenceType),
		semanticKeys: z.array(SemanticKey),
		calendars: z.array(Calendar).min(1),
		searchSynonyms: z.array(SearchSynonym).optional().describe('search-synonyms.json: the portal search reads these as the same word'),
		workflowVocabulary: z.array(WorkflowWording).optional().describe('workflow-vocabulary.json: decision wording by item type'),
		intermediaryServices: z.array(IntermediaryService).optional().describe('intermediary-services.json: 中介服务 items reference by id')
	})
	.meta({ id: 'Dictionaries' });
export type Dictionaries = z.infer<typeof Dictionaries>;
export type Calendar = z.infer<typeof Calendar>;
export type Department = z.infer<typeof Department>;
export type SemanticKey = z.infer<typeof SemanticKey>;
export type SearchSynonym = z.infer<typeof SearchSynonym>;
export type LicenceType = z.infer<typeof LicenceType>;
