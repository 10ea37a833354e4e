// Blank templates, samples and result specimens uploaded by administrators; the returned reference goes into the definition.
export async function uploadCatalogFile(file: File): Promise<string> {
	const r = await fetch(`/api/catalog-files?name=${encodeURIComponent(file.name)}`, {
		method: 'POST',
		headers: { 'content-type': file.type || 'application/octet-stream' },
		body: file
	});
	const body = await r.json();
	if (!r.ok) throw new Error(body.message ?? `上传失败（${r.status}）`);
	return body.ref;
}

/** Uploads the file picked in `input` and hands its reference to `use`; returns the error to show ('' on success), or undefined when nothing was picked. */
export async function uploadPicked(input: HTMLInputElement, use: (ref: string) => void): Promise<string | undefined> {
	const f = input.files?.[0];
	if (!f) return undefined;
	try {
		use(await uploadCatalogFile(f));
		return '';
	} catch (e) {
		return `${f.name}：${(e as Error).message}`;
	}
}
