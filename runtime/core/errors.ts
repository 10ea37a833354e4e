/** One problem of a request: where (`path`, for API clients) and what; `label` names the place in the administrator's words. */
export type ErrorDetail = { path: string; message: string; label?: string };

/** Errors the API maps to 4xx responses. Messages are Chinese and name what is wrong. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly errors?: ErrorDetail[],
		readonly body?: Record<string, unknown>
	) {
		super(message);
	}
}
export const notFound = (what: string) => new HttpError(404, `${what}不存在`);
export const forbidden = (message: string) => new HttpError(403, message);
/** 400 for a malformed request part, named by `path` (a query parameter, a header, the body). */
export const badRequest = (path: string, message: string) => new HttpError(400, message, [{ path, message }]);
export const invalid = (message: string, errors: ErrorDetail[]) => new HttpError(422, message, errors);
