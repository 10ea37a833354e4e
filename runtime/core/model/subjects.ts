import { z } from 'zod';

/** Whose data a field holds (数据主体): the profile of the signed-in person fills only their own. */
export const SUBJECTS = ['applicant', 'guardian', 'student', 'legalRepresentative', 'organization'] as const;
export const Subject = z
	.enum(SUBJECTS)
	.describe('数据主体：applicant 申请人 · guardian 监护人 · student 学生 · legalRepresentative 法定代表人 · organization 单位');
export type Subject = z.infer<typeof Subject>;

export const SUBJECT_LABELS: Record<Subject, string> = {
	applicant: '申请人',
	guardian: '监护人',
	student: '学生',
	legalRepresentative: '法定代表人',
	organization: '单位'
};
