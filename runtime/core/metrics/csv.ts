// CSV of a dashboard table: RFC 4180 quoting, CRLF, and a BOM so spreadsheet programs read the Chinese text as UTF-8.
export function toCsv(header: string[], rows: (string | number)[][]): string {
	const cell = (v: string | number) => {
		const s = String(v);
		// a leading = + - @ would be read as a formula by spreadsheets
		const safe = /^[=+\-@]/.test(s) && !/^-?\d/.test(s) ? `'${s}` : s;
		return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
	};
	return '\uFEFF' + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
