// The QR code printed on a licence: the link to its verification page, as an SVG data URL (img-src allows data:).
import QRCode from 'qrcode';
import { verifyUrl } from './licence-sign';

/** Any link as a QR code in an SVG data URL (licences, 文书, receipts). */
export async function qrDataUrl(url: string): Promise<string> {
	const svg = await QRCode.toString(url, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 });
	return `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
}

export async function licenceQr(origin: string, licenceId: string): Promise<{ url: string; svg: string }> {
	const url = verifyUrl(origin, licenceId);
	return { url, svg: await qrDataUrl(url) };
}
