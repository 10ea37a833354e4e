import { m } from '$lib/paraglide/messages';
/** Uploads one file to /api/files with progress (0–1); resolves to the stored file's id and name. */
export function uploadFile(file: File, onProgress: (p: number) => void): Promise<{ id: string; name: string }> {
	return new Promise((resolve, reject) => {
		const xhr = new XMLHttpRequest();
		xhr.open('POST', `/api/files?name=${encodeURIComponent(file.name)}`);
		xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
		xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
		xhr.onload = () => {
			let body: any = {};
			try {
				body = JSON.parse(xhr.responseText);
			} catch {
				/* not JSON */
			}
			if (xhr.status === 201) resolve({ id: body.id, name: body.name });
			else reject(new Error(body.message ?? m.upload_failed({ status: xhr.status })));
		};
		xhr.onerror = () => reject(new Error(m.upload_network()));
		xhr.send(file);
	});
}

/** The problem with a file before it is sent, or undefined. */
export function fileProblem(file: File, accept: string[], maxSizeMB: number): string | undefined {
	const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
	if (!accept.includes(ext)) return m.upload_wrong_type({ types: accept.join(m.list_sep()), name: file.name });
	if (file.size > maxSizeMB * 1024 * 1024) return m.upload_too_big({ name: file.name, size: maxSizeMB });
	return undefined;
}
