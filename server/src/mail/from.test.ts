import { MAX_MAIL_SENDER_NAME_CHARS, MailSenderRequest } from '@common-ground/shared/api';
import { describe, expect, it } from 'vitest';
import { displayName, fromOf, mailAddressOf } from './from';

describe('the From of a board’s mails', () => {
  it('puts the board’s name before MAIL_FROM’s address, or leaves MAIL_FROM as it is', () => {
    expect(fromOf('board@example.org', 'Stadtteilrunde Nordstadt')).toEqual({
      name: 'Stadtteilrunde Nordstadt',
      address: 'board@example.org',
    });
    // A name in MAIL_FROM itself gives way to the board's; its address stays.
    expect(fromOf('Runder Tisch <board@example.org>', 'Nordstadt')).toEqual({
      name: 'Nordstadt',
      address: 'board@example.org',
    });
    expect(fromOf('board@example.org', null)).toBe('board@example.org');
    expect(fromOf('board@example.org', '  \r\n ')).toBe('board@example.org');
    expect(mailAddressOf('kein Absender')).toBeNull();
    expect(fromOf('kein Absender', 'Nordstadt')).toBe('kein Absender');
  });

  it('keeps a name on one line, within its length, and never an encoded word', () => {
    expect(displayName('Nord\r\nBcc: evil@example.org')).toBe('Nord Bcc: evil@example.org');
    expect(displayName('a\u2028b\u0000c')).toBe('a b c');
    expect(displayName('=?utf-8?B?RXZpbA==?=')).toBe('= ?utf-8?B?RXZpbA== ?=');
    expect(displayName('x'.repeat(500))).toHaveLength(MAX_MAIL_SENDER_NAME_CHARS);
    expect(displayName('"Nord" <x@y.org>')).toBe('"Nord" <x@y.org>');
  });

  it('refuses line breaks and control characters in the request, and trims what is left', () => {
    expect(MailSenderRequest.parse({ name: '  Nordstadt  ' })).toEqual({ name: 'Nordstadt' });
    expect(MailSenderRequest.parse({ name: '   ' })).toEqual({ name: null });
    expect(MailSenderRequest.parse({ name: null })).toEqual({ name: null });
    for (const name of [
      'a\nb',
      'a\rb',
      'a\tb',
      'a\u0000b',
      'a\u2029b',
      'x'.repeat(MAX_MAIL_SENDER_NAME_CHARS + 1),
    ]) {
      expect(MailSenderRequest.safeParse({ name }).success, JSON.stringify(name)).toBe(false);
    }
    expect(MailSenderRequest.safeParse({}).success).toBe(false);
  });
});
