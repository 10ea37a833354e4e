// Prefill for the right person: the profile fills only the signed-in person's own fields; distinct accounts have distinct keys.
import { describe, expect, it } from 'vitest';
import { checkCatalog, checkBundle, checkItem, type Catalog } from '../../runtime/core/check';
import { compose, type ServiceSource, type Versioned } from '../../runtime/core/compose';
import type { Bundle, Item } from '../../runtime/core/model';
import { applicantSubjects, fieldSubject, prefillValues, profileOffer, refill } from '../../runtime/core/prefill';
import { readCatalogDir } from '../../runtime/server/catalog-dir';

const { catalog } = checkCatalog(readCatalogDir('definitions'));
const cat = catalog as Catalog;
const v = <T>(definition: T): Versioned<T> => ({ definition, version: 1, hash: '' });
const bundleSource = (id: string): ServiceSource => {
	const bundle = cat.bundles.get(id)!;
	return { kind: 'bundle', bundle: v(bundle), items: bundle.members.map((m) => v(cat.items.get(m.item)!)) };
};
// 张三's profile as the demo seeds it
const PROFILE = { name: '张三', idNumber: '350503198001011234', phone: '13905951234', gender: '男', ethnicity: '汉族', address: '泉州市丰泽区' };
const offer = profileOffer(cat.dictionaries.semanticKeys, PROFILE);
const prefillFor = (service: ReturnType<typeof compose>, answers: Record<string, unknown>) =>
	prefillValues(service.form, offer, applicantSubjects(service.questions, answers));

describe('prefill by subject on 中考加分确认一件事', () => {
	const ethnic = { bonusKind: 'ethnic', 'zhongkao-jiafen-shenhe.grade': 'current' };

	it("fills neither the guardian's fields nor the student's 民族 from the applicant's profile unless the applicant says they are the guardian", () => {
		const agent = { ...ethnic, applicantRole: 'agent' };
		const service = compose(bundleSource('zhongkao-jiafen'), agent);
		expect(Object.keys(service.form.schema.properties)).toEqual(expect.arrayContaining(['guardian_name', 'guardian_idNumber', 'student_ethnicity']));
		const filled = prefillFor(service, agent);
		// the applicant's own contact phone only: the guardian's name and ID, the student's name, ID and 民族 stay empty
		expect(filled).toEqual({ contact_phone: PROFILE.phone });
	});

	it('fills the guardian fields once the applicant declares they are the guardian; the student’s fields still never', () => {
		const guardian = { ...ethnic, applicantRole: 'guardian' };
		const service = compose(bundleSource('zhongkao-jiafen'), guardian);
		expect(applicantSubjects(service.questions, guardian)).toEqual(['applicant', 'guardian']);
		expect(prefillFor(service, guardian)).toEqual({ contact_phone: PROFILE.phone, guardian_name: '张三', guardian_idNumber: PROFILE.idNumber });
	});

	it('a field’s own subject wins over its key’s, and a key without a subject is the applicant’s (old dictionaries)', () => {
		const keys = new Map([
			['applicant.name', {}],
			['guardian.name', { subject: 'guardian' as const }]
		]);
		expect(fieldSubject({ semanticKey: 'applicant.name' }, keys)).toBe('applicant');
		expect(fieldSubject({ semanticKey: 'applicant.name', subject: 'student' }, keys)).toBe('student');
		expect(fieldSubject(undefined, keys)).toBe('applicant');
		const form = {
			schema: { type: 'object' as const, properties: { a: { type: 'string' as const, title: '姓名' }, b: { type: 'string' as const, title: '学生姓名' } } },
			fields: { a: { semanticKey: 'legacy.name' }, b: { semanticKey: 'legacy.name', subject: 'student' as const } }
		};
		const legacy = profileOffer([{ key: 'legacy.name', label: '姓名', type: 'string', profile: 'name' }], PROFILE);
		expect(prefillValues(form, legacy, ['applicant'])).toEqual({ a: '张三' });
	});

	it('when the declaration is withdrawn the values it filled go, what the citizen typed stays', () => {
		const values: Record<string, unknown> = { guardian_name: '张三', guardian_idNumber: '350503198001011235', contact_phone: PROFILE.phone };
		const before = { guardian_name: '张三', guardian_idNumber: PROFILE.idNumber, contact_phone: PROFILE.phone };
		const prefilled = refill(values, Object.keys(before), before, { contact_phone: PROFILE.phone });
		// the name was the profile's and goes; the ID number was edited and stays
		expect(values).toEqual({ guardian_idNumber: '350503198001011235', contact_phone: PROFILE.phone });
		expect(prefilled.sort()).toEqual(['contact_phone', 'guardian_idNumber']);
		// declared again: only the empty field is filled
		expect(refill(values, prefilled, { contact_phone: PROFILE.phone }, before).sort()).toEqual(['contact_phone', 'guardian_idNumber', 'guardian_name']);
		expect(values.guardian_idNumber).toBe('350503198001011235');
	});
});

describe('distinct accounts on 退休一件事', () => {
	it('asks for the pension, 医保 and 公积金 accounts as three fields, and fills none of them from the profile', () => {
		const answers = { withdrawFund: 'yes', 'tuixiu-shenpi.specialJob': 'no', 'yibao-tuixiu.topUp': 'full' };
		const service = compose(bundleSource('tuixiu'), answers);
		const props = service.form.schema.properties;
		expect(props.bank_pensionAccount?.title).toBe('养老金发放银行账号');
		expect(props.bank_medicalInsuranceAccount?.title).toBe('医保个人账户划拨银行账号');
		expect(props.bank_housingFundAccount?.title).toBe('收款银行账号');
		expect(props).not.toHaveProperty('bank_account');
		expect(service.conflicts).toEqual([]);
		expect(Object.keys(prefillFor(service, answers)).filter((k) => k.startsWith('bank_'))).toEqual([]);
	});
});

describe('the definition check on subjects', () => {
	const item = () => structuredClone(cat.items.get('shaoshu-minzu-jiafen')!) as Item;

	it('refuses a field whose subject contradicts its key, and one key on two fields of a form', () => {
		const wrong = item();
		wrong.form.fields.guardianName = { semanticKey: 'applicant.name', subject: 'guardian' };
		wrong.form.fields.studentName = { semanticKey: 'guardian.idNumber' };
		wrong.form.fields.guardianIdNumber = { semanticKey: 'guardian.idNumber' };
		const messages = checkItem(wrong, cat.dictionaries, 'items/shaoshu-minzu-jiafen.json').map((i) => `${i.path} ${i.message}`);
		expect(messages).toContainEqual(
			expect.stringMatching(/^form\.fields\.guardianName\.subject .*数据主体为「监护人」，但语义键「applicant\.name」.*「申请人」/)
		);
		expect(messages).toContainEqual(
			expect.stringMatching(/^form\.fields\.guardianIdNumber\.semanticKey 语义键「guardian\.idNumber」已用于字段「studentName」/)
		);
	});

	it('passes the shipped catalog', () => {
		expect(checkItem(item(), cat.dictionaries, 'items/shaoshu-minzu-jiafen.json').filter((i) => i.severity === 'error')).toEqual([]);
	});

	it("refuses a bundle mapping that merges the guardian's name into the applicant's", () => {
		const bundle = structuredClone(cat.bundles.get('zhongkao-jiafen')!) as Bundle;
		bundle.fieldMappings = [{ item: 'shaoshu-minzu-jiafen', field: 'guardianName', target: 'applicant_name', canonical: false }];
		const members = new Map(bundle.members.map((m) => [m.item, v(cat.items.get(m.item)!)]));
		// a member that asks for the applicant's own name
		const shenhe = structuredClone(members.get('zhongkao-jiafen-shenhe')!.definition);
		shenhe.form.schema.properties.applicantName = { type: 'string', title: '申请人姓名' };
		shenhe.form.fields.applicantName = { semanticKey: 'applicant.name' };
		members.set('zhongkao-jiafen-shenhe', v(shenhe));
		const issues = checkBundle(bundle, members, cat.dictionaries, 'bundles/zhongkao-jiafen.json');
		expect(issues.map((i) => i.message)).toContainEqual(expect.stringMatching(/^字段「applicant_name」会把不同人的数据合并为一项：.*（申请人）.*（监护人）/));
	});
});
