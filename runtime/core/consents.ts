// Standing consents an account gives and may withdraw at any time (个人信息保护法 第十五条): what each allows, and what
// withdrawing it does and does not undo. The texts are shown on /me/data and kept in the download.
import type { Account, ConsentKind } from './store';

export const CONSENT_KINDS = ['licenceFetch', 'sharedFetch'] as const satisfies readonly ConsentKind[];

export const isConsentKind = (k: string): k is ConsentKind => (CONSENT_KINDS as readonly string[]).includes(k);

/** given and not withdrawn */
export const consentActive = (account: Pick<Account, 'consents'> | undefined, kind: ConsentKind): boolean => {
	const r = account?.consents?.[kind];
	return !!r && !r.withdrawnAt;
};

export const CONSENT_TEXT: Record<ConsentKind, { title: string; grants: string; withdrawDoes: string[]; withdrawDoesNot: string[] }> = {
	licenceFetch: {
		title: '调取本人电子证照',
		grants: '今后在本平台申请办事时，默认授权调取您名下有效的电子证照作为申请材料（申请页的授权框默认勾选，每次仍可取消）；每次调取都记入审计日志。',
		withdrawDoes: [
			'立即生效：今后的申请不再默认调取电子证照，须在当次申请中单独勾选授权才会调取；',
			'已保存但未提交的草稿中选用的电子证照会被清除，提交前需重新选择材料。'
		],
		withdrawDoesNot: [
			'撤回前已提交的申请中已经调取的证照不会撤销：已办结的办件及其结果（含已核发的证照）不受影响；',
			'正在办理的办件按已提交的材料继续办理；如需停止，请在该办件中撤回申请；',
			'依法保存的办件记录和审计日志不会删除。'
		]
	},
	sharedFetch: {
		title: '从有关部门共享获取本人信息',
		grants:
			'今后在本平台申请办事时，打开申请页即从有关部门（公安户籍、人社社保缴费、民政婚姻登记、不动产登记）共享获取所需的本人信息作为申请材料，并预填表单；每次获取都记入审计日志。',
		withdrawDoes: ['立即生效：今后的申请不再自动获取，须在当次申请中点击「授权并获取」才会获取。'],
		withdrawDoesNot: ['撤回前已提交的申请中已经获取的信息不会撤销，办件按已提交的材料继续办理；', '依法保存的办件记录和审计日志不会删除。']
	}
};
