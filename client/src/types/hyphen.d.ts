// The hyphen package ships no types: the parts the client uses (see app/hyphenation.ts).
declare module 'hyphen/hyphen.js' {
  export interface HyphenatorOptions {
    hyphenChar?: string;
    minWordLength?: number;
    html?: boolean;
  }
  export type Patterns = unknown;
  const createHyphenator: (patterns: Patterns, options?: HyphenatorOptions) => (text: string) => string;
  export default createHyphenator;
}

declare module 'hyphen/patterns/*.js' {
  const patterns: import('hyphen/hyphen.js').Patterns;
  export default patterns;
}
