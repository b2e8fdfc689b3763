// The types of buildStamp.mjs, for the TypeScript that imports it (tests/unit/buildStamp.test.ts).
export declare const BUILD_INPUT_DIRS: readonly string[];
export declare const BUILD_INPUT_FILES: readonly string[];
export declare const STAMP_FILE: string;
export declare const BUILD_OUTPUTS: readonly string[];
export declare function buildInputsHash(root: string): string;
export declare function removeStamp(root: string): void;
export declare function writeStamp(root: string, inputsHash: string): void;
export declare function staleReason(root: string): string | null;
