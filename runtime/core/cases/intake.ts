// 窗口收件 and 帮办代办: a front-desk officer files an application for a citizen. The case records who filed it, the
// citizen's authorisation and the receiving centre; 异地代收: when an item is decided in another region, the case goes to
// its deciding department as usual and the results go back to the receiving centre.
import { z } from 'zod';
import { forbidden } from '../errors';
import type { Dictionaries, Item } from '../model';
import type { Actor } from '../store';

import { AUTHORISATION_KINDS } from './intake-labels';

export { AUTHORISATION_KINDS, type AuthorisationKind } from './intake-labels';

export const Authorisation = z
	.strictObject({
		kind: z.enum(Object.keys(AUTHORISATION_KINDS) as [keyof typeof AUTHORISATION_KINDS], { message: '请选择授权方式：本人到场或书面委托' }),
		note: z.string().trim().max(200, '授权说明不超过 200 个字').optional(),
		/** an uploaded scan of the signed authorisation (授权委托书) */
		file: z
			.string()
			.regex(/^[A-Za-z0-9_-]+$/, '授权委托书的文件标识不正确')
			.optional()
	})
	.superRefine((a, ctx) => {
		if (a.kind === 'written' && !a.file && !a.note)
			ctx.addIssue({ code: 'custom', path: ['file'], message: '书面委托须上传签字的授权委托书，或在说明中写明纸质委托书的存档编号' });
	});
export type Authorisation = z.infer<typeof Authorisation>;

/** What the front desk sends with a submission it files for a citizen. */
export const OnBehalfOf = z.strictObject({
	/** the citizen's account id (found by ID or phone number, or created for a walk-in) */
	applicant: z.string().min(1, '请选择申请人'),
	authorisation: Authorisation
});
export type OnBehalfOf = z.infer<typeof OnBehalfOf>;

const Place = z.strictObject({ department: z.string(), name: z.string(), region: z.string(), regionName: z.string() });
export type Place = z.infer<typeof Place>;

/** How a case came in at a window; absent for an application the citizen filed online. */
export const Intake = z.strictObject({
	channel: z.literal('window'),
	/** the officer who filed it (代办人) */
	filedBy: z.strictObject({ id: z.string(), name: z.string(), department: z.string() }),
	authorisation: Authorisation,
	/** the service centre where the application was received */
	receiving: Place,
	/** the departments that decide it (each item's 实施主体) and their regions */
	deciding: z.array(Place),
	/** 异地代收: a deciding department is in another region; the results go back to the receiving centre */
	crossRegion: z.boolean()
});
export type Intake = z.infer<typeof Intake>;

/** The place of a department, named from the dictionaries; `region` overrides the department's own (an item's region). */
function placeOf(d: Dictionaries, department: string, region?: string): Place {
	const dept = d.departments.find((x) => x.id === department);
	const code = region ?? dept?.region ?? '';
	return { department, name: dept?.name ?? department, region: code, regionName: d.regions.find((r) => r.code === code)?.name ?? code };
}

/** Whether the actor may file for citizens: a front-desk officer of a service centre. */
export function windowCentre(d: Dictionaries, actor: Actor) {
	const centre = actor.department ? d.departments.find((x) => x.id === actor.department) : undefined;
	return actor.roles.includes('frontDesk') && centre?.kind === 'serviceCenter' ? centre : undefined;
}

/** The intake record of a filing by `officer` for the given items; refused unless the officer works at a service centre's front desk. */
export function windowIntake(d: Dictionaries, officer: Actor, authorisation: Authorisation, items: Pick<Item, 'department' | 'region'>[]): Intake {
	const centre = windowCentre(d, officer);
	if (!centre) throw forbidden('只有政务服务中心综合受理窗口的工作人员可以代为提交申请');
	const receiving = placeOf(d, centre.id);
	const deciding = [...new Map(items.map((i) => [`${i.department}@${i.region}`, placeOf(d, i.department, i.region)])).values()];
	return {
		channel: 'window',
		filedBy: { id: officer.id, name: officer.name, department: centre.id },
		authorisation,
		receiving,
		deciding,
		crossRegion: deciding.some((p) => p.region !== receiving.region)
	};
}
