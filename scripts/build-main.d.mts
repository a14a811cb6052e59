/** Types of scripts/build-main.mjs, for the tests that call it. */
export declare const EXTERNAL: readonly string[];
export declare const DEFAULT_OUTDIR: string;
export declare function buildMain(options?: { outdir?: string; quiet?: boolean }): Promise<void>;
