/** URL of a catalog file reference (files/x.html) or an absolute URL as is. */
export const fileHref = (ref: string) => (/^(https?:\/\/|\/)/.test(ref) ? ref : `/catalog-files/${ref.replace(/^files\//, '')}`);

/** URL of an uploaded file; staff read it through the case that holds it. */
export const uploadHref = (id: string, caseId?: string) => `/api/files/${id}${caseId ? `?case=${caseId}` : ''}`;
