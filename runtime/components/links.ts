/** URL of a catalog file reference (files/x.html) or an absolute URL as is. */
export const fileHref = (ref: string) => (/^(https?:\/\/|\/)/.test(ref) ? ref : `/catalog-files/${ref.replace(/^files\//, '')}`);
