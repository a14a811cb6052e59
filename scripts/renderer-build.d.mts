/** Types of scripts/renderer-build.mjs, for the tests that call it. */
export declare const root: string;
export declare function newestMtime(dir: string): number;
export declare function rendererBuildReason(base?: string): string | null;
export declare function ensureRendererBuilt(): Promise<void>;
