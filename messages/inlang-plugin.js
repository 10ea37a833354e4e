// The inlang storage plugin for messages/{locale}.json: flat "key": "text with {param}" pairs.
// Local (no CDN fetch, works offline and in CI); the SDK imports it from a data: URL, so it imports nothing.
const key = 'plugin.onething.messages';

/** "共 {count} 件" → text and variable-reference parts */
function parsePattern(text) {
	const pattern = [];
	const names = [];
	for (const part of text.split(/(\{[A-Za-z_][A-Za-z0-9_]*\})/)) {
		if (!part) continue;
		const name = /^\{([A-Za-z_][A-Za-z0-9_]*)\}$/.exec(part)?.[1];
		if (name) {
			pattern.push({ type: 'expression', arg: { type: 'variable-reference', name } });
			if (!names.includes(name)) names.push(name);
		} else pattern.push({ type: 'text', value: part });
	}
	return { pattern, names };
}

export default {
	key,
	toBeImportedFiles: ({ settings }) =>
		settings.locales.map((locale) => ({
			locale,
			path: (settings[key]?.pathPattern ?? './messages/{locale}.json').replace('{locale}', locale)
		})),
	importFiles: ({ files }) => {
		const bundles = new Map();
		const messages = [];
		const variants = [];
		for (const file of files) {
			const json = JSON.parse(new TextDecoder().decode(file.content));
			for (const [id, text] of Object.entries(json)) {
				if (id === '$schema') continue;
				if (typeof text !== 'string') throw new Error(`messages/${file.locale}.json: "${id}" must be a string`);
				const { pattern, names } = parsePattern(text);
				const declarations = bundles.get(id)?.declarations ?? [];
				for (const name of names) if (!declarations.some((d) => d.name === name)) declarations.push({ type: 'input-variable', name });
				bundles.set(id, { id, declarations });
				messages.push({ bundleId: id, locale: file.locale, selectors: [] });
				variants.push({ messageBundleId: id, messageLocale: file.locale, matches: [], pattern });
			}
		}
		return { bundles: [...bundles.values()], messages, variants };
	},
	exportFiles: () => []
};
