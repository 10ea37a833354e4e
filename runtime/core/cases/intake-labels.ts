// How a citizen authorised the front desk (帮办代办), zod-free so case pages can show it without the model.
export const AUTHORISATION_KINDS = {
	inPerson: '本人到场，由窗口代为填报',
	written: '书面委托（授权委托书）'
} as const;
export type AuthorisationKind = keyof typeof AUTHORISATION_KINDS;
