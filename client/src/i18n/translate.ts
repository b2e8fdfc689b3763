import type { MessageKey, Messages } from './de';

export type Params = Readonly<Record<string, string | number>>;

/** Fills `{name}` placeholders; an unknown placeholder stays visible so a missing parameter is noticed. */
export function format(template: string, params?: Params): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) =>
    name in params ? String(params[name]) : match,
  );
}

export type Translate = (key: MessageKey, params?: Params) => string;

export const translator =
  (messages: Messages): Translate =>
  (key, params) =>
    format(messages[key], params);

/** The placeholder names of a template, sorted, for checking that translations use the same ones. */
export const placeholders = (template: string): string[] =>
  [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();
