// Which file types each upload accepts (by content, checked on the server in runtime/server/file-types.ts);
// the pickers offer the same list.

export const ACCEPTED = {
	/** a citizen's materials and file fields: scans and photos */
	material: ['pdf', 'jpg', 'png', 'gif', 'webp'],
	/** blank templates, samples and result specimens uploaded in the studio */
	catalog: ['pdf', 'jpg', 'png', 'gif', 'webp', 'docx', 'xlsx', 'pptx', 'doc', 'xls', 'ppt', 'ofd']
} as const;
export type UploadPurpose = keyof typeof ACCEPTED;

/** The `accept` attribute of a file picker for `purpose` (jpg also as jpeg). */
export const pickerAccept = (purpose: UploadPurpose) => ACCEPTED[purpose].flatMap((e) => (e === 'jpg' ? ['.jpg', '.jpeg'] : [`.${e}`])).join(',');
