// Files that would run script on our origin if served by their name or claimed type, and real files to compare with.
import { strToU8, zipSync } from 'fflate';

/** Runs only if the browser renders it as a page: logs PWNED and calls /pwned with what it can read. */
const SCRIPT = `console.log('PWNED');fetch('/pwned?c='+encodeURIComponent(document.cookie)).catch(()=>{});document.title='PWNED'`;

export const DISGUISED = [
	{
		what: 'HTML',
		name: 'scan.pdf',
		type: 'application/pdf',
		body: `<!doctype html><html><head><title>ok</title></head><body><script>${SCRIPT}</script></body></html>`
	},
	{
		what: 'SVG',
		name: 'photo.jpg',
		type: 'image/jpeg',
		body: `<svg xmlns="http://www.w3.org/2000/svg" onload="${SCRIPT.replace(/'/g, '&apos;')}"><script>${SCRIPT}</script></svg>`
	},
	{
		what: 'XHTML',
		name: 'form.pdf',
		type: 'application/pdf',
		body: `<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><script>${SCRIPT}</script></body></html>`
	}
].map((d) => ({ ...d, bytes: new TextEncoder().encode(d.body) }));

/** A PDF header followed by a page: a PDF by its bytes, so it is shown as a PDF and its markup never runs. */
export const POLYGLOT = new TextEncoder().encode(`%PDF-1.4\n<html><body><script>${SCRIPT}</script></body></html>\n%%EOF\n`);

export const PDF_BYTES = new TextEncoder().encode('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
/** 1×1 PNG */
export const PNG_BYTES = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The smallest Word document file-type recognises. */
export const DOCX_BYTES = zipSync({
	'[Content_Types].xml': strToU8(
		'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
	),
	'word/document.xml': strToU8('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
});
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
