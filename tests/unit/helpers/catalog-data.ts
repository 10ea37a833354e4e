// Data for applications on the shipped catalog, shared by API and browser tests and the bench (so no vitest here).
import type { Client } from './server';

/** Throws (failing the test or the bench) when a call did not answer the expected status. */
function must(r: { status: number; body?: unknown }, expected: number, what: string) {
	if (r.status !== expected) throw new Error(`${what}：应答 ${r.status}，应为 ${expected}：${JSON.stringify(r.body)}`);
}

/** Uploads one small PDF as the citizen and provides every required material by its default source. */
export async function provideMaterials(base: string, citizen: Client, materials: any[]) {
	const res = await fetch(`${base}/api/files?name=scan.pdf`, {
		method: 'POST',
		headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'application/pdf' },
		body: new TextEncoder().encode('%PDF-1.4\n% scan\n')
	});
	must({ status: res.status }, 201, '上传材料');
	const file = (await res.json()).id;
	const out: Record<string, unknown> = {};
	for (const m of materials.filter((x) => x.required === 'always')) {
		const commitment = m.sources.find((s: any) => s.kind === 'commitment');
		out[m.id] = commitment && !m.sources.some((s: any) => s.kind === 'upload') ? { source: 'commitment', signed: true } : { source: 'upload', files: [file] };
	}
	return out;
}

export const TUIXIU = {
	data: {
		applicant_name: '李四',
		applicant_idNumber: '350521197001014561',
		applicant_gender: '男',
		applicant_birthDate: '1966-01-01',
		contact_phone: '13805959876',
		contact_address: '福建省泉州市惠安县螺城镇建设路 12 号',
		employment_employer: '泉州某某机械有限公司',
		'tuixiu-shenpi__retireDate': '2026-12-01',
		'tuixiu-shenpi__contributionYears': 32,
		bank_pensionAccount: '6222021402001234567',
		bank_medicalInsuranceAccount: '6222021402007654321',
		'yibao-tuixiu__medicalYears': 30
	},
	answers: { withdrawFund: 'no', 'tuixiu-shenpi.specialJob': 'no', 'yibao-tuixiu.topUp': 'full' }
};

/** Submits 退休一件事 as the citizen over the API; returns the case id. */
export async function submitTuixiu(base: string, citizen: Client): Promise<string> {
	const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'tuixiu' }, answers: TUIXIU.answers })).body;
	const r = await citizen.post('/api/cases', {
		service: { kind: 'bundle', id: 'tuixiu' },
		answers: TUIXIU.answers,
		data: TUIXIU.data,
		materials: await provideMaterials(base, citizen, svc.materials),
		consents: { licenceFetch: true }
	});
	must(r, 201, '提交退休一件事');
	return r.body.id;
}

/** 民办学校设立一件事: the school and its sponsor, shared by both stages (筹设 / 设立). */
export const SCHOOL = {
	org_sponsorType: '个人',
	org_legalRepresentative: '陈明',
	applicant_name: '李四',
	applicant_idNumber: '350521197001014561',
	contact_phone: '13805959876',
	school_name: '泉州市丰泽区明德实验小学',
	school_level: '小学',
	school_nature: '非营利性',
	school_address: '泉州市丰泽区东海街道明德路 8 号',
	school_capacity: 1080,
	school_principal: '陈明'
};

/** Submits 民办学校设立一件事 for the given answers and extra data; `materials` override the defaults. */
export async function submitSchool(
	base: string,
	citizen: Client,
	answers: Record<string, unknown>,
	data: Record<string, unknown>,
	materials: Record<string, unknown> = {}
): Promise<string> {
	const svc = (await citizen.post('/api/compose', { service: { kind: 'bundle', id: 'minban-xuexiao' }, answers })).body;
	const r = await citizen.post('/api/cases', {
		service: { kind: 'bundle', id: 'minban-xuexiao' },
		answers,
		data: { ...SCHOOL, ...data },
		materials: { ...(await provideMaterials(base, citizen, svc.materials)), ...materials },
		consents: { licenceFetch: true }
	});
	must(r, 201, '提交民办学校设立一件事');
	return r.body.id;
}

/**
 * Submits 教师资格认定 with a signed commitment (无犯罪记录) and runs it to closing (or up to 出件 with `stopBeforeIssue`);
 * returns the case id and version. `delivery` is the applicant's 领取方式 at application.
 */
export async function closedTeacherCase(
	base: string,
	as: (user: string) => Promise<Client>,
	opts: { delivery?: Record<string, unknown>; stopBeforeIssue?: boolean } = {}
): Promise<{ id: string; version: number }> {
	const citizen = await as('lisi');
	const answers = { status: 'graduate' };
	const svc = (await citizen.post('/api/compose', { service: { kind: 'item', id: 'jiaoshi-zige-rending' }, answers })).body;
	const photo = await fetch(`${base}/api/files?name=photo.jpg`, {
		method: 'POST',
		headers: { authorization: `Bearer ${citizen.token}`, 'content-type': 'image/jpeg' },
		body: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])
	});
	const materials = {
		...(await provideMaterials(base, citizen, svc.materials)),
		noCriminalRecord: { source: 'commitment', signed: true },
		licence_ID_CARD: { source: 'licence', licenceId: 'lic-demo-lisi-id_card' },
		photo: { source: 'upload', files: [(await photo.json()).id] }
	};
	const data = {
		applicant_name: '李四',
		applicant_idNumber: '350521197001014561',
		applicant_gender: '男',
		contact_phone: '13805959876',
		contact_address: '福建省泉州市惠安县螺城镇建设路 12 号',
		subject: '数学',
		educationLevel: '本科'
	};
	const created = await citizen.post('/api/cases', {
		service: { kind: 'item', id: 'jiaoshi-zige-rending' },
		answers,
		data,
		materials,
		consents: { licenceFetch: true },
		...(opts.delivery ? { delivery: opts.delivery } : {})
	});
	must(created, 201, '提交教师资格认定');
	let version = 0;
	for (const [user, type] of [
		['qz-zwfw-frontdesk', 'ACCEPT'],
		['qz-edu-reviewer', 'PASS'],
		['qz-edu-decider', 'APPROVE'],
		...(opts.stopBeforeIssue ? [] : [['qz-zwfw-issuer', 'ISSUE']])
	]) {
		const r = await (await as(user)).post(`/api/cases/${created.body.id}/events`, { type, version });
		must(r, 200, `${user} ${type}`);
		version = r.body.case.version;
	}
	return { id: created.body.id, version };
}
