// Measures the focus ring of the focused element: its outline and its contrast with the background around it.
import type { Page } from 'playwright-core';

export interface Ring {
	tag: string;
	style: string;
	width: number;
	/** contrast ratio of the outline colour with the nearest opaque background outside the element (WCAG 1.4.11) */
	contrast: number;
}

/** The ring of document.activeElement (an outline drawn outside it, so measured against its ancestors' background). */
export function focusRing(page: Page): Promise<Ring> {
	return page.evaluate(() => {
		const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
		const lum = ([r, g, b]: number[]) => {
			const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
			return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
		};
		const el = document.activeElement as HTMLElement;
		const s = getComputedStyle(el);
		let bg = [255, 255, 255];
		for (let a = el.parentElement; a; a = a.parentElement) {
			const c = rgb(getComputedStyle(a).backgroundColor);
			if (c.length === 3 || (c[3] ?? 1) > 0) {
				bg = c.slice(0, 3);
				break;
			}
		}
		const [l1, l2] = [lum(rgb(s.outlineColor)), lum(bg)].sort((x, y) => y - x);
		const visible = s.outlineStyle !== 'none' && s.outlineStyle !== 'hidden';
		return {
			tag: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${(el as HTMLInputElement).type ? `[${(el as HTMLInputElement).type}]` : ''}`,
			style: s.outlineStyle,
			width: visible ? parseFloat(s.outlineWidth) : 0,
			contrast: visible ? Math.round(((l1 + 0.05) / (l2 + 0.05)) * 100) / 100 : 0
		};
	});
}
