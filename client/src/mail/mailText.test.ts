import { describe, expect, it } from 'vitest';
import { addressProblem, failureReasonKey, mailKindKey } from './mailText';

describe('e-mail texts', () => {
  it('refuses an empty, overlong, multi-line or malformed address before asking the server', () => {
    expect(addressProblem('  ayse@example.org ')).toBeNull();
    expect(addressProblem('   ')).toBe('mail.addressEmpty');
    expect(addressProblem(`${'a'.repeat(290)}@example.org`)).toBe('mail.addressTooLong');
    expect(addressProblem('ayse@example.org\r\nBcc: all@example.org')).toBe('mail.addressInvalid');
    expect(addressProblem('Ayşe <ayse@example.org>')).toBe('mail.addressInvalid');
    expect(addressProblem('ayse@')).toBe('mail.addressInvalid');
  });

  it('says in plain words why a mail did not arrive', () => {
    expect(failureReasonKey(null)).toBe('mailStatus.reasonUnknown');
    expect(failureReasonKey('connect ECONNREFUSED 127.0.0.1:2525')).toBe('mailStatus.reasonUnreachable');
    expect(
      failureReasonKey(
        "Can't send mail - all recipients were rejected: 550 5.1.1 <…>: Recipient address rejected",
      ),
    ).toBe('mailStatus.reasonRefused');
    expect(failureReasonKey('Invalid login: 535 5.7.8 Authentication failed')).toBe('mailStatus.reasonLogin');
    expect(failureReasonKey('Message size exceeds fixed limit')).toBe('mailStatus.reasonOther');
  });

  it('names the kind of mail, and any kind it does not know as a mail', () => {
    expect(mailKindKey('confirm')).toBe('mailStatus.kindConfirm');
    expect(mailKindKey('digest')).toBe('mailStatus.kindDigest');
    expect(mailKindKey('round-awaits')).toBe('mailStatus.kindRound');
    expect(mailKindKey('round-reminder')).toBe('mailStatus.kindRound');
    expect(mailKindKey('round-outcome')).toBe('mailStatus.kindOutcome');
    expect(mailKindKey('something_new')).toBe('mailStatus.kindOther');
  });
});
