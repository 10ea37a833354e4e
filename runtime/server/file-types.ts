// What a stored file is, judged by its bytes (file-type), never by its name, URL or the uploader's claimed type;
// which types each upload route accepts; and how each type is served.
import { unzipSync } from 'fflate';
import { fileTypeFromBuffer } from 'file-type';
import { ACCEPTED, type UploadPurpose } from '../core/file-accept';

export { ACCEPTED, type UploadPurpose };

export interface FileKind {
	ext: string;
	mime: string;
	/** shown in messages */
	label: string;
}

const KINDS: Record<string, Omit<FileKind, 'ext'>> = {
	pdf: { mime: 'application/pdf', label: 'PDF' },
	png: { mime: 'image/png', label: 'PNG 图片' },
	jpg: { mime: 'image/jpeg', label: 'JPEG 图片' },
	gif: { mime: 'image/gif', label: 'GIF 图片' },
	webp: { mime: 'image/webp', label: 'WebP 图片' },
	docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', label: 'Word 文档' },
	xlsx: { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', label: 'Excel 表格' },
	pptx: { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', label: 'PowerPoint 演示文稿' },
	doc: { mime: 'application/msword', label: 'Word 97-2003 文档' },
	xls: { mime: 'application/vnd.ms-excel', label: 'Excel 97-2003 表格' },
	ppt: { mime: 'application/vnd.ms-powerpoint', label: 'PowerPoint 97-2003 演示文稿' },
	ofd: { mime: 'application/ofd', label: 'OFD 版式文件' }
};

/** Shown inside the browser (and inside our own pages' frames): PDF and raster images. Never HTML, SVG, XML or text. */
const INLINE = new Set(['pdf', 'png', 'jpg', 'gif', 'webp']);
/** Served with their own type, always as a download. */
const ATTACHMENT = new Set(['docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'ofd']);

const extOf = (name?: string) => /\.([a-z0-9]+)$/i.exec(name ?? '')?.[1].toLowerCase() ?? '';

function zipHas(bytes: Uint8Array, entry: string): boolean {
	try {
		let found = false;
		unzipSync(bytes, { filter: (f) => (f.name === entry && (found = true), false) });
		return found;
	} catch {
		return false;
	}
}

/** The file's type from its bytes; `name` only tells apart the old Office formats, which share one container (CFB). */
export async function sniff(bytes: Uint8Array, name?: string): Promise<FileKind | undefined> {
	const found = await fileTypeFromBuffer(bytes);
	if (!found) return undefined;
	let ext: string = found.ext;
	if (ext === 'zip' && zipHas(bytes, 'OFD.xml')) ext = 'ofd';
	if (ext === 'cfb') {
		const claimed = extOf(name);
		if (['doc', 'xls', 'ppt'].includes(claimed)) ext = claimed;
	}
	return { ext, ...(KINDS[ext] ?? { mime: found.mime, label: found.ext.toUpperCase() }) };
}

/** What the bytes look like, for a refusal message. */
function describe(kind: FileKind | undefined, bytes: Uint8Array): string {
	const head = new TextDecoder()
		.decode(bytes.subarray(0, 512))
		.replace(/^\uFEFF/, '')
		.trimStart();
	if ((!kind || kind.ext === 'xml') && head.startsWith('<')) return '网页或 XML 文本（HTML、SVG、XHTML 等）';
	return kind?.label ?? '无法识别的内容';
}

/** Why a file is refused for this route (its name, what its bytes are, what is accepted), or undefined. */
export function refusal(purpose: UploadPurpose, name: string, kind: FileKind | undefined, bytes: Uint8Array): string | undefined {
	if (kind && (ACCEPTED[purpose] as readonly string[]).includes(kind.ext)) return undefined;
	const accepted = [...new Set(ACCEPTED[purpose].map((e) => KINDS[e].label.replace(/ .*$/, '')))].join('、');
	const what = describe(kind, bytes);
	return `文件「${name}」的内容是${/^[A-Za-z]/.test(what) ? ' ' : ''}${what}，不能上传：此处只接受 ${accepted} 文件（按文件内容判断，与扩展名无关）`;
}

/** The type and disposition a stored file is served with: its sniffed type if allowed, else a download of octet-stream. */
export function servedAs(kind: FileKind | undefined): { type: string; inline: boolean } {
	if (kind && INLINE.has(kind.ext)) return { type: kind.mime, inline: true };
	if (kind && ATTACHMENT.has(kind.ext)) return { type: kind.mime, inline: false };
	return { type: 'application/octet-stream', inline: false };
}
