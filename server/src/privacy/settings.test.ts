import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { NO_PRIVACY_SETTINGS, privacySettingsGap } from './settings';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A PRIVACY_NOTICE_FILE with `content` as it is. */
function noticeFile(content: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cg-privacy-'));
  dirs.push(dir);
  const file = path.join(dir, 'notice.json');
  fs.writeFileSync(file, content);
  return file;
}

describe('the operator’s privacy settings', () => {
  it('reads every setting, and leaves unset ones null', () => {
    const file = noticeFile(JSON.stringify({ de: '  Unser Text.\nZweite Zeile  ', fa: 'متن ما' }));
    expect(
      loadConfig({
        OPERATOR_NAME: ' Nachbarschaftshaus Südstadt e. V. ',
        OPERATOR_CONTACT: 'Hauptstraße 1, 12345 Stadt',
        IMPRINT_URL: 'https://nh.example/impressum',
        ACCESSIBILITY_URL: 'http://nh.example/barrierefreiheit',
        PRIVACY_NOTICE_FILE: file,
      }).privacy,
    ).toEqual({
      ...NO_PRIVACY_SETTINGS,
      operatorName: 'Nachbarschaftshaus Südstadt e. V.',
      operatorContact: 'Hauptstraße 1, 12345 Stadt',
      imprintUrl: 'https://nh.example/impressum',
      accessibilityUrl: 'http://nh.example/barrierefreiheit',
      notices: { de: 'Unser Text.\nZweite Zeile', fa: 'متن ما' },
    });
    expect(loadConfig({}).privacy).toEqual(NO_PRIVACY_SETTINGS);
  });

  it.each([
    ['IMPRINT_URL', 'javascript:alert(1)'],
    ['IMPRINT_URL', 'ftp://nh.example/impressum'],
    ['ACCESSIBILITY_URL', 'data:text/html,<script>alert(1)</script>'],
    ['ACCESSIBILITY_URL', 'https://nh.example/a b'],
    ['IMPRINT_URL', `https://nh.example/${'a'.repeat(2000)}`],
    ['OPERATOR_NAME', 'x'.repeat(201)],
    ['OPERATOR_CONTACT', 'x'.repeat(501)],
    ['DPO_CONTACT', 'dsb\u0007@nh.example'],
    ['ACCESSIBILITY_CONTACT', '   '],
  ])('refuses %s=%s', (name, value) => {
    // An all-blank value is not "unset" (only an empty one is): it is refused like any other wrong value.
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(`Invalid configuration: ${name}`));
  });

  it.each([
    ['not JSON', '{"de": '],
    ['an array', '["Text"]'],
    ['an unknown language', '{"xx": "Text"}'],
    ['no text', '{"de": 5}'],
    ['an empty text', '{"de": "  "}'],
    ['a text too long', JSON.stringify({ de: 'x'.repeat(20_001) })],
  ])('refuses a notice file with %s, naming the file', (_, content) => {
    const file = noticeFile(content);
    expect(() => loadConfig({ PRIVACY_NOTICE_FILE: file })).toThrow(`PRIVACY_NOTICE_FILE (${file})`);
  });

  it('refuses a notice file that cannot be read', () => {
    expect(() => loadConfig({ PRIVACY_NOTICE_FILE: '/nonexistent/notice.json' })).toThrow(/cannot be read/);
  });

  it('warns while the controller is not named, and not once it is', () => {
    expect(privacySettingsGap(NO_PRIVACY_SETTINGS)).toMatch(
      /set OPERATOR_NAME and OPERATOR_CONTACT \(and IMPRINT_URL, ACCESSIBILITY_URL\)/,
    );
    expect(privacySettingsGap({ ...NO_PRIVACY_SETTINGS, operatorName: 'Träger' })).toMatch(
      /set OPERATOR_CONTACT \(/,
    );
    expect(
      privacySettingsGap({ ...NO_PRIVACY_SETTINGS, operatorName: 'Träger', operatorContact: 'a@b.example' }),
    ).toBeNull();
  });
});
