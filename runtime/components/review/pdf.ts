// pdf.js, loaded only when a reviewer opens a PDF: the library is a dynamic import (its own chunk), the worker a static
// asset URL. No eval under the app's CSP (isEvalSupported: false); the worker is same-origin (worker-src 'self').
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof import('pdfjs-dist');
let lib: Promise<PdfJs> | undefined;

export function loadPdfJs(): Promise<PdfJs> {
	lib ??= import('pdfjs-dist').then((m) => {
		m.GlobalWorkerOptions.workerSrc = workerUrl;
		return m;
	});
	lib.catch(() => (lib = undefined));
	return lib;
}

export type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;

/** Opens a PDF by URL (the session cookie goes along: same origin). */
export async function openPdf(url: string): Promise<PdfDocument> {
	const pdfjs = await loadPdfJs();
	return pdfjs.getDocument({ url, isEvalSupported: false, enableXfa: false, useWasm: false }).promise;
}
