// Names of uploaded files and the case they are read through, shared by the renderer with every file field.
import { getContext, setContext } from 'svelte';

export type FileLinks = { names: Record<string, string>; caseId?: string };
const KEY = Symbol('file-links');

export const provideFileLinks = (get: () => FileLinks) => setContext(KEY, get);
/** Call during component setup; read the returned getter inside $derived so later data shows. */
export const fileLinks = (): (() => FileLinks) => getContext<(() => FileLinks) | undefined>(KEY) ?? (() => ({ names: {} }));
