// An error-summary or 修改 link whose target is a group (a fieldset of options, a repeatable group, a material's card)
// focuses the group (tabindex="-1", works without JavaScript); with JavaScript the focus moves on to the control inside it.
const CONTROLS = 'input:not([type=hidden]):not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled)';

/** The control a group's link should land on: one marked `data-error-target`, else the chosen option, else the first. */
export function controlIn(group: HTMLElement): HTMLElement | null {
	return (
		group.querySelector<HTMLElement>('[data-error-target]:not(:disabled)') ??
		group.querySelector<HTMLElement>('input:checked:not(:disabled)') ??
		group.querySelector<HTMLElement>(CONTROLS)
	);
}

/** onfocus for a group: when the group itself is focused as the link's target (the address names it), pass it on to its
 * control; a click on the group's text leaves the focus where it is. */
export function focusControl(e: FocusEvent) {
	const group = e.currentTarget as HTMLElement;
	if (e.target !== group || decodeURIComponent(location.hash.slice(1)) !== group.id) return;
	controlIn(group)?.focus();
}

/** Moves the focus to the control an error or a 修改 link names: the element itself when it is one, else its control. */
export function focusTarget(el: HTMLElement) {
	const target = (el.matches(CONTROLS) ? el : controlIn(el)) ?? el;
	if (target === el && !el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
	target.scrollIntoView({ block: 'center' });
	target.focus({ preventScroll: true });
}
