// 电子印章: the default seal image of a department, drawn from its name alone (no font files, no randomness): a red ring,
// the department's name running clockwise along the top arc, a five-pointed star in the centre and the seal's purpose
// (e.g. 行政审批专用章) in a straight line below it — the layout of an official round seal.

export const SEAL_RED = '#d8231b';
/** what a department's seal is for, when its administrator has not named it otherwise */
export const DEFAULT_SEAL_PURPOSE = '行政审批专用章';

const SIZE = 240;
const C = SIZE / 2;
/** radius of the ring's centre line */
const RING = 112;
/** radius the arc text's baseline runs along (inside the ring) */
const ARC = 88;

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n = (x: number) => (Math.round(x * 100) / 100).toString();

/** The seal's full name: the department's name followed by the purpose (泉州市教育局 + 行政审批专用章). */
export const defaultSealName = (department: string, purpose = DEFAULT_SEAL_PURPOSE) => `${department.trim()}${purpose}`;

/** Points of a five-pointed star centred at (cx, cy) with outer radius r, one point up. */
export function starPoints(cx: number, cy: number, r: number): string {
	const inner = r * 0.382;
	return Array.from({ length: 10 }, (_, i) => {
		const radius = i % 2 ? inner : r;
		const a = -Math.PI / 2 + (i * Math.PI) / 5;
		return `${n(cx + radius * Math.cos(a))},${n(cy + radius * Math.sin(a))}`;
	}).join(' ');
}

/**
 * The default round red seal as an SVG document. `arcText` runs along the top (the department), `bottom` sits under
 * the star (the purpose). Characters are placed one by one so the layout does not depend on the viewer's text engine.
 */
export function sealSvg(arcText: string, bottom = DEFAULT_SEAL_PURPOSE): string {
	const chars = [...arcText.trim()];
	if (!chars.length) throw new Error('印章文字不能为空');
	const under = [...bottom.trim()];
	// the name spreads over up to 220° of the circle (its ends stay above the purpose line); longer names get smaller characters
	const span = Math.min(220, Math.max(120, chars.length * 24));
	const step = chars.length > 1 ? span / (chars.length - 1) : 0;
	const fontSize = Math.max(12, Math.min(30, ((ARC * Math.PI * span) / 180 / Math.max(chars.length, 1)) * 0.9));
	const arc = chars
		.map((ch, i) => {
			// degrees clockwise from the top
			const deg = chars.length > 1 ? -span / 2 + i * step : 0;
			const a = ((deg - 90) * Math.PI) / 180;
			const x = C + ARC * Math.cos(a);
			const y = C + ARC * Math.sin(a);
			return `<text x="${n(x)}" y="${n(y)}" transform="rotate(${n(deg)} ${n(x)} ${n(y)})">${esc(ch)}</text>`;
		})
		.join('');
	const bottomSize = Math.max(10, Math.min(22, 150 / Math.max(under.length, 1)));
	const title = esc(`${arcText.trim()}${bottom.trim()}`);
	return (
		`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${SIZE} ${SIZE}" width="${SIZE}" height="${SIZE}" role="img" aria-label="${title}">` +
		`<title>${title}</title>` +
		`<circle cx="${C}" cy="${C}" r="${RING}" fill="none" stroke="${SEAL_RED}" stroke-width="7"/>` +
		`<polygon points="${starPoints(C, C, 34)}" fill="${SEAL_RED}"/>` +
		`<g fill="${SEAL_RED}" font-family="serif" font-weight="bold" font-size="${n(fontSize)}" text-anchor="middle" dominant-baseline="central">${arc}</g>` +
		(under.length
			? `<text x="${C}" y="${n(C + 62)}" fill="${SEAL_RED}" font-family="serif" font-weight="bold" font-size="${n(bottomSize)}" text-anchor="middle" dominant-baseline="central">${esc(under.join(''))}</text>`
			: '') +
		`</svg>`
	);
}

/** The SVG as a data URL for an <img> (the pages' CSP allows data: images). */
export function svgDataUrl(svg: string): string {
	let bin = '';
	for (const b of new TextEncoder().encode(svg)) bin += String.fromCharCode(b);
	return `data:image/svg+xml;base64,${btoa(bin)}`;
}

/** The default seal of a department under its seal's name: the department along the arc, the rest of the name below. */
export function defaultSealSvg(departmentName: string, sealName = defaultSealName(departmentName)): string {
	const dept = departmentName.trim();
	const name = sealName.trim();
	if (dept && name.startsWith(dept) && name.length > dept.length) return sealSvg(dept, name.slice(dept.length));
	return sealSvg(name || dept, name && name !== dept ? '' : DEFAULT_SEAL_PURPOSE);
}
