import type { MessageKey, Messages } from './de';

export type Params = Readonly<Record<string, string | number>>;

// Text and placeholder names alternating, split once per template: a board's first render formats thousands.
const splitTemplates = new Map<string, readonly string[]>();

function split(template: string): readonly string[] {
  let parts = splitTemplates.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    splitTemplates.set(template, parts);
  }
  return parts;
}

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a missing parameter is noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  const parts = split(template);
  let out = parts[0] ?? '';
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i] ?? '';
    out += (name in params ? String(params[name]) : `{${name}}`) + (parts[i + 1] ?? '');
  }
  return out;
}

export type Translate = (key: MessageKey, params?: Params) => string;

export const translator =
  (messages: Messages): Translate =>
  (key, params) =>
    format(messages[key], params);

/** The placeholder names of a template, sorted, for checking that translations use the same ones. */
export const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
