import { isConsentKind, CONSENT_KINDS } from '$core/consents';
import { HttpError } from '$core/errors';
import { setConsent } from '$server/consents';
import { api } from '$server/http';

const kindOf = (k: string | undefined) => {
	if (!k || !isConsentKind(k)) throw new HttpError(404, `没有「${k}」这项授权，可用的有 ${CONSENT_KINDS.join('、')}`);
	return k;
};

/** Gives the standing consent (audited as consent.give). */
export const PUT = api(async ({ app, event, actor }) => setConsent(app, actor!, kindOf(event.params.kind), true));

/** Withdraws it at once (audited as consent.withdraw); what that does and does not undo: GET /api/me/data → consents. */
export const DELETE = api(async ({ app, event, actor }) => setConsent(app, actor!, kindOf(event.params.kind), false));
