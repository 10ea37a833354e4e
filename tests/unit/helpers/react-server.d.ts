// The two React calls the rjsf interop test makes (no @types/react is installed).
declare module 'react' {
	export function createElement(type: unknown, props?: Record<string, unknown> | null): unknown;
}
declare module 'react-dom/server' {
	export function renderToString(element: unknown): string;
}
