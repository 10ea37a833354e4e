import { createHash } from 'node:crypto';
import type { Dictionaries } from '../core/model';
import { ConflictError, type Account, type Licence, type Store } from '../core/store';
import { hashPassword } from './auth';

export const DEMO_PASSWORD = 'demo123';

interface Citizen {
	username: string;
	name: string;
	profile: Record<string, string>;
	licences: { type: string; name: string; number: string; issuer: string }[];
}

export const DEMO_CITIZENS: Citizen[] = [
	{
		username: 'zhangsan',
		name: '张三',
		profile: { name: '张三', idNumber: '350502198506122344', phone: '13905951234', address: '福建省泉州市丰泽区东海街道通港西街 88 号', gender: '男' },
		licences: [
			{ type: 'ID_CARD', name: '居民身份证', number: '350502198506122344', issuer: '泉州市公安局丰泽分局' },
			{ type: 'HOUSEHOLD_REGISTER', name: '居民户口簿', number: 'HK350502-0012345', issuer: '泉州市公安局丰泽分局' }
		]
	},
	{
		username: 'lisi',
		name: '李四',
		profile: { name: '李四', idNumber: '350521197001014561', phone: '13805959876', address: '福建省泉州市惠安县螺城镇建设路 12 号', gender: '男' },
		licences: [{ type: 'ID_CARD', name: '居民身份证', number: '350521197001014561', issuer: '惠安县公安局' }]
	},
	{
		username: 'wangwu',
		name: '王小五',
		profile: {
			name: '王小五',
			idNumber: '350582200909213453',
			phone: '13655951111',
			address: '福建省晋江市青阳街道崇德路 6 号',
			gender: '男',
			ethnicity: '回族'
		},
		licences: [{ type: 'ID_CARD', name: '居民身份证', number: '350582200909213453', issuer: '晋江市公安局' }]
	}
];

/** Staff accounts: front desk and issuing window at service centres; reviewer, inspector and decider in every other department; a 部门管理员 and a 科室负责人 in each. */
export function demoStaff(d: Dictionaries): { username: string; name: string; roles: string[]; department: string }[] {
	const out = [];
	for (const dept of d.departments) {
		const roles = dept.kind === 'serviceCenter' ? ['frontDesk', 'issuer', 'deptAdmin'] : ['reviewer', 'inspector', 'decider', 'deptAdmin'];
		for (const role of roles) {
			const roleName = d.roles.find((r) => r.id === role)?.name ?? role;
			out.push({ username: `${dept.id}-${role.toLowerCase()}`, name: `${dept.shortName}${roleName}`, roles: [role], department: dept.id });
			// a second officer where colleagues share a queue, so 签收 matters
			if (role === 'frontDesk' || role === 'reviewer')
				out.push({ username: `${dept.id}-${role.toLowerCase()}2`, name: `${dept.shortName}${roleName}（二）`, roles: [role], department: dept.id });
		}
		// 科室负责人: sees who holds which task of the department, reassigns or releases claims (/workbench/supervise)
		out.push({ username: `${dept.id}-supervisor`, name: `${dept.shortName}科室负责人`, roles: ['supervisor'], department: dept.id });
	}
	return out;
}

/** Creates the demo accounts and licences a fresh store lacks. Returns the accounts created. */
export async function seedDemo(store: Store, d: Dictionaries, now: string): Promise<string[]> {
	// the accounts and licences this version seeds: a start that seeded them already asks the store once, not once each
	const staff = demoStaff(d);
	const plan = createHash('sha256')
		.update(JSON.stringify([DEMO_CITIZENS, staff]))
		.digest('hex')
		.slice(0, 16);
	if ((await store.meta.get<string>('demoSeed')) === plan) return [];
	const created: string[] = [];
	const ensure = async (a: Omit<Account, 'passwordHash'>) => {
		if (await store.accounts.byUsername(a.username)) return;
		try {
			await store.accounts.put({ ...a, passwordHash: hashPassword(DEMO_PASSWORD) });
			created.push(a.username);
		} catch (e) {
			// another process starting on the same database created it first
			if (!(e instanceof ConflictError)) throw e;
		}
	};
	for (const c of DEMO_CITIZENS) {
		await ensure({ id: `u-${c.username}`, username: c.username, name: c.name, roles: ['applicant'], profile: c.profile });
		for (const l of c.licences) {
			const id = `lic-demo-${c.username}-${l.type.toLowerCase()}`;
			if (!(await store.licences.get(id)))
				await store.licences.put({
					id,
					number: l.number,
					type: l.type,
					name: l.name,
					holderId: c.profile.idNumber,
					holderName: c.name,
					issuer: l.issuer,
					issuedAt: now,
					data: {}
				} satisfies Licence);
		}
	}
	for (const s of staff) await ensure({ id: `u-${s.username}`, ...s });
	await ensure({ id: 'u-admin', username: 'admin', name: '系统管理员', roles: ['admin'] });
	await store.meta.set('demoSeed', plan);
	return created;
}
