// 文书 as served: a case's documents for whoever may see the case (the applicant, its staff), each with the issuing
// department's 电子印章 and a QR code to the case lookup; and each as a PDF (pdfkit, with a font that covers Chinese).
import { existsSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { formatDate, SERVICE_TIME_ZONE } from '../core/dates';
import { documentsOf, type CaseDocument } from '../core/documents';
import { HttpError, notFound } from '../core/errors';
import type { Actor, CaseRecord } from '../core/store';
import { getApp, type App } from './app';
import { qrDataUrl } from './licence-qr';
import { sealOf, type SealView } from './seals';

/** Fonts tried for PDFs when DOCUMENT_FONT is not set: Debian's fonts-wqy-zenhei and fonts-noto-cjk. */
const FONT_CANDIDATES = [
	{ path: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc', family: 'WenQuanYiZenHei' },
	{ path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' }
];

export function documentFont(env: NodeJS.ProcessEnv = process.env): { path: string; family?: string } | undefined {
	if (env.DOCUMENT_FONT) return { path: env.DOCUMENT_FONT, family: env.DOCUMENT_FONT_FAMILY };
	return FONT_CANDIDATES.find((f) => existsSync(f.path));
}

/** The case lookup a printed document's QR code opens. */
export const trackUrl = (origin: string, receiptNumber: string) => `${origin}/track?receipt=${encodeURIComponent(receiptNumber)}`;

/** A case page's list of its 文书 (from the view it already loaded: no second view, no second audit entry). */
export async function documentLinks(app: App, c: CaseRecord) {
	const applicant = await app.store.accounts.get(c.applicantId);
	return documentsOf(c, await app.cases.composeFor(c), applicant?.name ?? '申请人').map((d) => ({ key: d.key, title: d.title, number: d.number, at: d.at }));
}

/** The documents of a case as this person may see them (the view checks who may). */
export async function caseDocuments(app: App, actor: Actor, caseId: string) {
	const view = await app.cases.view(caseId, actor);
	const c = view.case;
	const service = await app.cases.composeFor(c);
	const applicant = await app.store.accounts.get(c.applicantId);
	return { case: c, documents: documentsOf(c, service, applicant?.name ?? '申请人') };
}

export interface ShownDocument {
	document: CaseDocument;
	receiptNumber: string;
	seal?: SealView;
	departmentName?: string;
	qr: { url: string; image: string };
}

export async function caseDocument(app: App, actor: Actor, caseId: string, key: string, origin: string): Promise<ShownDocument> {
	const { case: c, documents } = await caseDocuments(app, actor, caseId);
	const document = documents.find((d) => d.key === key);
	if (!document) throw notFound(`文书「${key}」`);
	const seal = document.department ? await sealOf(app, document.department) : undefined;
	const url = trackUrl(origin, c.receiptNumber);
	return { document, receiptNumber: c.receiptNumber, seal, departmentName: seal?.departmentName, qr: { url, image: await qrDataUrl(url) } };
}

/** The seal in vector form for the PDF (an uploaded PNG is placed as it is). */
function drawSeal(pdf: PDFKit.PDFDocument, seal: SealView, x: number, y: number) {
	const png = seal.image.startsWith('data:image/png;base64,') ? Buffer.from(seal.image.slice('data:image/png;base64,'.length), 'base64') : undefined;
	if (png) return void pdf.image(png, x - 60, y - 60, { width: 120, height: 120 });
	pdf.save().lineWidth(3).strokeColor('#d8231b').circle(x, y, 56).stroke();
	pdf
		.fillColor('#d8231b')
		.fontSize(9)
		.text(seal.name, x - 50, y - 30, { width: 100, align: 'center' });
	pdf.fontSize(22).text('★', x - 15, y - 8, { width: 30, align: 'center' });
	pdf.restore().fillColor('black');
}

/** One document as an A4 PDF: title, number, addressee, text, basis, remedy, the seal over the department and date, the QR code. */
export async function documentPdf(shown: ShownDocument): Promise<Buffer> {
	const font = documentFont();
	if (!font) throw new HttpError(503, '服务器未配置中文字体，无法生成 PDF：请安装 fonts-wqy-zenhei 或设置 DOCUMENT_FONT');
	const { document: d } = shown;
	const pdf = new PDFDocument({ size: 'A4', margin: 64, info: { Title: d.title, Subject: d.number } });
	const chunks: Buffer[] = [];
	pdf.on('data', (c: Buffer) => chunks.push(c));
	const ended = new Promise<void>((ok) => pdf.on('end', ok));
	pdf.registerFont('cjk', font.path, font.family);
	pdf.font('cjk');
	pdf.fontSize(20).text(d.title, { align: 'center' });
	pdf.moveDown(0.3).fontSize(10).text(d.number, { align: 'center' });
	pdf.moveDown(1.2).fontSize(12).text(`${d.addressee}：`);
	for (const p of d.paragraphs) pdf.moveDown(0.4).text(p, { indent: 24, lineGap: 4 });
	if (d.basis.length) pdf.moveDown(0.6).text(`依据：${d.basis.join('；')}`, { indent: 24, lineGap: 4 });
	if (d.remedy) pdf.moveDown(0.6).text(d.remedy, { indent: 24, lineGap: 4 });
	const y = Math.max(pdf.y + 40, 560);
	if (shown.seal) drawSeal(pdf, shown.seal, 420, y + 20);
	pdf.fontSize(12).text(shown.departmentName ?? '', 300, y, { width: 240, align: 'center' });
	pdf.text(formatDate(d.at, { locale: 'zh-CN', timeZone: SERVICE_TIME_ZONE }), 300, y + 20, {
		width: 240,
		align: 'center'
	});
	const qr = await QRCode.toBuffer(shown.qr.url, { errorCorrectionLevel: 'M', margin: 1, width: 160 });
	pdf.image(qr, 64, 700, { width: 80 });
	pdf.fontSize(9).text(`扫码查询办件进度（受理编号 ${shown.receiptNumber}）`, 152, 730, { width: 300 });
	pdf.end();
	await ended;
	return Buffer.concat(chunks);
}

/** GET …/documents/[key]/pdf: the signed-in person's view of the case decides (login first; 403/404 as the case page). */
export async function documentResponse(event: { locals: App.Locals; params: Record<string, string>; url: URL }): Promise<Response> {
	const actor = event.locals.actor;
	if (!actor) return new Response('请先登录', { status: 401, headers: { 'content-type': 'text/plain; charset=utf-8' } });
	try {
		const app = await getApp();
		const shown = await caseDocument(app, actor, event.params.id, event.params.key, event.url.origin);
		const bytes = await documentPdf(shown);
		const name = `${shown.receiptNumber}-${shown.document.title}.pdf`;
		return new Response(new Uint8Array(bytes), {
			headers: {
				'content-type': 'application/pdf',
				'content-disposition': `attachment; filename="${shown.document.key}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
				'cache-control': 'private, no-store'
			}
		});
	} catch (e) {
		if (e instanceof HttpError) return new Response(e.message, { status: e.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
		throw e;
	}
}
