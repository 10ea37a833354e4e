// Compiles messages/{locale}.json into runtime/paraglide (generated, not committed): lint and type checks need it
// before `vite build` writes it. Usage: npm run i18n
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../i18n/compile-options';

await compile(paraglideOptions);
// the inlang SDK leaves timers running; the output is written
process.exit(0);
