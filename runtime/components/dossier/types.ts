// The case file (案卷) as data: one shape for the printable page and the archive's HTML (no server-only imports here).
import type { Consultation } from '$core/cases/consultations';

export interface DossierFile {
	/** 01, 02, … in the dossier's order: the file's place in the archive */
	no: string;
	id: string;
	/** the file's path inside the ZIP archive */
	path: string;
	name: string;
	mime: string;
	size: number;
	sha256: string;
}

export interface Dossier {
	generatedAt: string;
	generatedBy: string;
	cover: {
		/** 收件编号 */
		receiptNumber: string;
		/** 受理编号, once accepted */
		acceptanceNumber?: string;
		service: string;
		applicant: string;
		status: string;
		submittedAt: string;
		acceptedAt?: string;
		decidedAt?: string;
		dueAt?: string;
		result: string;
	};
	answers: { question: string; labels: string[] }[];
	fields: { title: string; value: string }[];
	materials: { name: string; how: string; files: DossierFile[] }[];
	opinions: { at: string; who: string; step: string; text: string }[];
	consultations: Consultation[];
	timeline: { at: string; label: string; who: string }[];
	documents: { title: string; lines: string[] }[];
}

/** The parts in their fixed order: the page, the archive's HTML and the tests read this list. */
export const DOSSIER_PARTS = ['封面', '申请表单', '申请材料', '办理意见', '办理过程', '文书与证照'] as const;
