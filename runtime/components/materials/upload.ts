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
			else reject(new Error(body.message ?? `上传失败（${xhr.status}）`));
		};
		xhr.onerror = () => reject(new Error('网络错误，上传失败'));
		xhr.send(file);
	});
}

/** The problem with a file before it is sent, or undefined. */
export function fileProblem(file: File, accept: string[], maxSizeMB: number): string | undefined {
	const ext = file.name.split('.').pop()?.toLowerCase() ?? '';
	if (!accept.includes(ext)) return `只接受 ${accept.join('、')} 格式，${file.name} 不符合`;
	if (file.size > maxSizeMB * 1024 * 1024) return `${file.name} 超过 ${maxSizeMB} MB`;
	return undefined;
}
