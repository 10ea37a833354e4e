// Blank templates, samples and result specimens uploaded by administrators; the returned reference goes into the definition.
export async function uploadCatalogFile(file: File): Promise<string> {
	const r = await fetch(`/api/catalog-files?name=${encodeURIComponent(file.name)}`, { method: 'POST', headers: { 'content-type': file.type || 'application/octet-stream' }, body: file });
	const body = await r.json();
	if (!r.ok) throw new Error(body.message ?? `上传失败（${r.status}）`);
	return body.ref;
}
