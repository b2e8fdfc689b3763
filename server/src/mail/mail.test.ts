import fs from 'node:fs';
import path from 'node:path';
import { LOCALES } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { argumentNames, incompletePlurals } from '../../../tests/helpers/icuCatalogue';
import { loadConfig } from '../config';
import { composeConfirmation } from './compose';
import { describeFailure } from './failure';
import { publicUrlProblem } from './publicUrl';
import { FIRST_RETRY_MS, MAX_ATTEMPTS, MAX_RETRY_MS, retryAt } from './sender';
import { mailText } from './text';

const dir = path.join(import.meta.dirname, 'messages');
const read = (name: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as Record<string, string>;

describe('mail catalogues (server/src/mail/messages)', () => {
  it.each(LOCALES.filter((locale) => locale !== 'de-simple'))(
    '%s has German’s keys, each valid ICU with German’s arguments and every plural form',
    (locale) => {
      const german = read('de.json');
      const catalogue = read(`${locale}.json`);
      expect(Object.keys(catalogue).sort()).toEqual(Object.keys(german).sort());
      for (const [key, message] of Object.entries(catalogue)) {
        expect(argumentNames(message), `${locale} ${key}`).toEqual(argumentNames(german[key] ?? ''));
        expect(incompletePlurals(message, locale), `${locale} ${key}`).toEqual([]);
      }
    },
  );

  it('cover every UI language, Einfache Sprache with the German texts', () => {
    const files = fs.readdirSync(dir).map((file) => file.replace(/\.json$/, ''));
    expect(files.sort()).toEqual(LOCALES.filter((locale) => locale !== 'de-simple').sort());
    expect(mailText('de-simple').lang).toBe('de');
    expect(mailText('tr').t('page.openBoard')).toBe('Panoyu aç');
    expect(mailText('en').t('page.openBoard')).toBe('Open the board');
    expect(mailText('ar').rtl).toBe(true);
  });

  it('use the UI’s words for the columns and round outcomes', () => {
    for (const lang of ['de', 'en', 'tr', 'ar', 'fa', 'ru', 'uk', 'pl'] as const) {
      const ui = JSON.parse(
        fs.readFileSync(path.join(dir, '../../../../client/src/i18n/messages', `${lang}.json`), 'utf8'),
      ) as Record<string, string>;
      const mail = read(`${lang}.json`);
      for (const key of ['stage.proposed', 'stage.discussing', 'stage.ready', 'stage.parked']) {
        expect(mail[key], `${lang} ${key}`).toBe(ui[key]);
      }
      for (const key of ['outcome.agreed', 'outcome.objected', 'outcome.noQuorum', 'outcome.invalidated']) {
        expect(mail[key], `${lang} ${key}`).toBe(ui[key]);
      }
    }
  });
});

describe('composing a mail', () => {
  const mail = composeConfirmation({
    boardId: 'b1',
    boardTitle: 'Runder <Tisch>\r\nBcc: x@y.org',
    recipientId: 'p1',
    name: 'Ayşe & Co',
    locale: 'de',
    origin: 'https://board.example.org',
    confirmToken: 'tok',
    now: 1,
  });

  it('keeps the subject on one line and escapes people’s text in the HTML', () => {
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.html).toContain('Runder &#60;Tisch&#62;');
    expect(mail.html).toContain('Ayşe &#38; Co');
    expect(mail.text).toContain('https://board.example.org/mail/confirm?token=tok');
  });

  it('carries a Message-ID of the public host and the one-click unsubscribe headers', () => {
    expect(mail.messageId).toMatch(/^<[0-9a-f-]{36}@board\.example\.org>$/);
    expect(mail.headers['List-Unsubscribe']).toMatch(
      /^<https:\/\/board\.example\.org\/mail\/unsubscribe\?token=[\w-]{43}>$/,
    );
    expect(mail.headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(mail.unsubscribeTokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the sender’s retries', () => {
  it('wait a minute, doubling up to six hours, and give up after the last attempt', () => {
    expect(retryAt(1, 0)).toBe(FIRST_RETRY_MS);
    expect(retryAt(2, 0)).toBe(2 * FIRST_RETRY_MS);
    expect(retryAt(MAX_ATTEMPTS - 1, 0)).toBeLessThanOrEqual(MAX_RETRY_MS);
    expect(retryAt(10, 0, 20)).toBe(MAX_RETRY_MS);
    expect(retryAt(MAX_ATTEMPTS, 0)).toBeNull();
  });

  it('store errors without addresses, and give up at once only when the server refused the recipient', () => {
    const refused = Object.assign(new Error('Recipient command failed: 550 <ayse@example.org> unknown'), {
      responseCode: 550,
      command: 'RCPT TO',
    });
    expect(describeFailure(refused)).toEqual({
      message: 'Recipient command failed: 550 <…> unknown',
      permanent: true,
    });
    expect(
      describeFailure(Object.assign(new Error('auth'), { responseCode: 535, command: 'AUTH PLAIN' }))
        .permanent,
    ).toBe(false);
    expect(describeFailure(new Error('connect ECONNREFUSED')).permanent).toBe(false);
  });
});

describe('PUBLIC_URL for links in mails', () => {
  it('is a problem when missing, loopback, private or a local name', () => {
    for (const url of [
      null,
      'http://127.0.0.1:8787',
      'http://localhost:8787',
      'http://192.168.1.20:8787',
      'http://10.0.0.5',
      'http://[::1]:8787',
      'http://[fd00::1]',
      'http://laptop.local',
      'http://board',
    ]) {
      expect(publicUrlProblem(url), String(url)).not.toBeNull();
    }
  });

  it('is fine for a public name or address', () => {
    expect(publicUrlProblem('https://board.example.org')).toBeNull();
    expect(publicUrlProblem('https://203.0.113.7')).toBeNull();
  });
});

describe('mail configuration', () => {
  it('takes an smtp:// or smtps:// SMTP_URL together with MAIL_FROM, and nothing else', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(
      loadConfig({ SMTP_URL: 'smtps://u:p@mail.example.org:465', MAIL_FROM: 'board@example.org' }).mail,
    ).toEqual({
      smtpUrl: 'smtps://u:p@mail.example.org:465',
      from: 'board@example.org',
    });
    expect(() => loadConfig({ SMTP_URL: 'smtp://mail.example.org' })).toThrow(/MAIL_FROM/);
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example.org', MAIL_FROM: 'board@example.org' })).toThrow(
      /SMTP_URL/,
    );
    expect(() =>
      loadConfig({ SMTP_URL: 'smtp://m.example.org', MAIL_FROM: 'a@b.c\r\nBcc: x@y.org' }),
    ).toThrow(/MAIL_FROM/);
  });
});
