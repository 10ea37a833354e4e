// Every endpoint the app serves, read from the route files at run time: `+server.ts` exports (GET, POST, …) and
// `+page.server.ts` loads (GET) and form actions (POST ?/name). Parsed with the TypeScript compiler, not regular expressions.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);

function walk(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Names of `export const X = …` / `export function X` in a module, and the initializer of each const. */
function exportsOf(file: string) {
	const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
	const out = new Map<string, ts.Expression | undefined>();
	for (const st of src.statements) {
		const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
		if (!exported) continue;
		if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name)) out.set(d.name.text, d.initializer);
		if (ts.isFunctionDeclaration(st) && st.name) out.set(st.name.text, undefined);
	}
	return out;
}

/** The property names of `actions = {…}` or `actions = wrapper({…})`. */
function actionNames(init: ts.Expression | undefined): string[] {
	let e = init;
	while (e && (ts.isCallExpression(e) || ts.isAsExpression(e) || ts.isSatisfiesExpression(e) || ts.isParenthesizedExpression(e)))
		e = ts.isCallExpression(e) ? e.arguments[0] : e.expression;
	if (!e || !ts.isObjectLiteralExpression(e)) throw new Error(`actions 不是对象字面量：${init?.getText()}`);
	return e.properties.map((p) => {
		if (!p.name || !(ts.isIdentifier(p.name) || ts.isStringLiteral(p.name))) throw new Error(`无法读取 action 名称：${p.getText()}`);
		return p.name.text;
	});
}

/** Keys like `api/cases/[id] GET` or `cases/[id] POST ?/withdraw` (the default action is plain `POST`). */
export function routeEndpoints(routesDir: string): string[] {
	const keys: string[] = [];
	for (const file of walk(routesDir)) {
		const name = file.split('/').at(-1);
		const dir = relative(routesDir, join(file, '..')) || '/';
		if (name === '+server.ts') for (const k of exportsOf(file).keys()) if (METHODS.has(k)) keys.push(`${dir} ${k}`);
		if (name === '+page.server.ts') {
			const ex = exportsOf(file);
			if (ex.has('load')) keys.push(`${dir} GET`);
			if (ex.has('actions')) for (const a of actionNames(ex.get('actions'))) keys.push(a === 'default' ? `${dir} POST` : `${dir} POST ?/${a}`);
		}
	}
	return keys.sort();
}
