import type { Dictionaries } from '../core/model';
import type { Account, Licence, Store } from '../core/store';
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

/** Staff accounts: front desk and issuing window at service centres; reviewer, inspector and decider in every other department. */
export function demoStaff(d: Dictionaries): { username: string; name: string; roles: string[]; department: string }[] {
	const out = [];
	for (const dept of d.departments) {
		const roles = dept.kind === 'serviceCenter' ? ['frontDesk', 'issuer'] : ['reviewer', 'inspector', 'decider'];
		for (const role of roles) {
			const roleName = d.roles.find((r) => r.id === role)?.name ?? role;
			out.push({ username: `${dept.id}-${role.toLowerCase()}`, name: `${dept.shortName}${roleName}`, roles: [role], department: dept.id });
			// a second officer where colleagues share a queue, so 签收 matters
			if (role === 'frontDesk' || role === 'reviewer')
				out.push({ username: `${dept.id}-${role.toLowerCase()}2`, name: `${dept.shortName}${roleName}（二）`, roles: [role], department: dept.id });
		}
	}
	return out;
}

/** Creates the demo accounts and licences a fresh store lacks. Returns the accounts created. */
export async function seedDemo(store: Store, d: Dictionaries, now: string): Promise<string[]> {
	const created: string[] = [];
	const ensure = async (a: Omit<Account, 'passwordHash'>) => {
		if (await store.accounts.byUsername(a.username)) return;
		await store.accounts.put({ ...a, passwordHash: hashPassword(DEMO_PASSWORD) });
		created.push(a.username);
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
	for (const s of demoStaff(d)) await ensure({ id: `u-${s.username}`, ...s });
	await ensure({ id: 'u-admin', username: 'admin', name: '系统管理员', roles: ['admin'] });
	return created;
}
