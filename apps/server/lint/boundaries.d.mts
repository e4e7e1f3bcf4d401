import type { ESLint } from 'eslint';

declare const plugin: ESLint.Plugin & { rules: NonNullable<ESLint.Plugin['rules']> };
export default plugin;
/** The relative specifiers one file's text imports. */
export declare const specifiersOf: (text: string) => string[];
/** The module graph of one modules directory: Map<from, Map<to, evidence>>. */
export declare const moduleGraph: (modulesDir: string) => Map<string, Map<string, string>>;
