/** Errors the API maps to 4xx responses. Messages are Chinese and name what is wrong. */
export class HttpError extends Error {
	constructor(
		readonly status: number,
		message: string,
		readonly errors?: { path: string; message: string }[],
		readonly body?: Record<string, unknown>
	) {
		super(message);
	}
}
export const notFound = (what: string) => new HttpError(404, `${what}不存在`);
export const forbidden = (message: string) => new HttpError(403, message);
export const invalid = (message: string, errors: { path: string; message: string }[]) => new HttpError(422, message, errors);
