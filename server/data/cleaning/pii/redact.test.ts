// Redaction: every listed type is found (with its checksum negatives), and number-heavy text comes out unchanged.
import { describe, expect, it } from 'vitest';
import { redact, findPii } from './detect';
import { NUMBER_HEAVY_LINES } from './number-corpus';
import type { PiiType } from '@/common/pii-types';

/** The placeholder text and the one entity found, with its span in the original. */
function one(text: string, type: PiiType, value: string) {
  const r = redact(text);
  const start = text.indexOf(value);
  expect(r.entities, text).toEqual([{ type, start, end: start + value.length }]);
  expect(r.text).toBe(text.replace(value, `[${type}]`));
}

describe('redacts every type', () => {
  it.each([
    ['Write to maria.garcia@gmail.com today.', 'maria.garcia@gmail.com'],
    ['cc: j_smith+billing@acme-corp.io.', 'j_smith+billing@acme-corp.io'],
  ])('EMAIL in %s', (text, value) => one(text, 'EMAIL', value));

  it.each([
    ['Please call me back at (555) 123-4567, thanks.', '(555) 123-4567'],
    ['My number: +1 555-123-4567', '+1 555-123-4567'],
    ['Office +44 20 7946 0958 (London).', '+44 20 7946 0958'],
    ['Reach me on 555.123.4567 after six.', '555.123.4567'],
    ['Or 555-987-6543 in the evening.', '555-987-6543'],
    ['call me at 5551234567', '5551234567'],
    ['Tel: 030 1234567', '030 1234567'],
    ['Berlin office: +49 30 12345678', '+49 30 12345678'],
  ])('PHONE in %s', (text, value) => one(text, 'PHONE', value));

  it.each([
    ['My card 4111 1111 1111 1111 was charged twice.', '4111 1111 1111 1111'],
    ['Use 5500-0000-0000-0004 instead.', '5500-0000-0000-0004'],
    ['Amex 3782 822463 10005 expired.', '3782 822463 10005'],
    ['Card: 6011111111111117', '6011111111111117'],
  ])('CREDIT_CARD in %s', (text, value) => one(text, 'CREDIT_CARD', value));

  it('CREDIT_CARD needs Luhn: a 16-digit number failing it is left alone', () => {
    expect(findPii('My card 4111 1111 1111 1112 was charged twice.')).toEqual([]);
    expect(findPii('Card: 6011111111111118')).toEqual([]);
  });

  it.each([
    ['My SSN is 123-45-6789.', '123-45-6789'],
    ['social security number 078 05 1120', '078 05 1120'],
    ['SSN: 219099999', '219099999'],
  ])('SSN in %s', (text, value) => one(text, 'SSN', value));

  it('SSN: never-issued numbers and bare nine digits without a cue are left alone', () => {
    expect(findPii('Ref 900-12-3456 and 666-12-3456')).toEqual([]);
    expect(findPii('Shipment 219099999 left the depot.')).toEqual([]);
  });

  it.each([
    ['The dashboard at 192.168.1.10 returns 502.', '192.168.1.10'],
    ['DNS is 8.8.8.8.', '8.8.8.8'],
    ['Host 2001:db8:85a3::8a2e:370:7334 is down', '2001:db8:85a3::8a2e:370:7334'],
    ['Full 2001:0db8:85a3:0000:0000:8a2e:0370:7334 form', '2001:0db8:85a3:0000:0000:8a2e:0370:7334'],
    ['Mapped ::ffff:192.0.2.128 too', '::ffff:192.0.2.128'],
    ['Link-local fe80::1ff:fe23:4567:890a here', 'fe80::1ff:fe23:4567:890a'],
  ])('IP_ADDRESS in %s', (text, value) => one(text, 'IP_ADDRESS', value));

  it.each([
    ['Refund to DE89 3704 0044 0532 0130 00 please.', 'DE89 3704 0044 0532 0130 00'],
    ['IBAN GB82WEST12345698765432.', 'GB82WEST12345698765432'],
    ['Account fr14 2004 1010 0505 0001 3m02 606 is mine', 'fr14 2004 1010 0505 0001 3m02 606'],
    ['NL91ABNA0417164300 for the invoice', 'NL91ABNA0417164300'],
  ])('IBAN in %s', (text, value) => one(text, 'IBAN', value));

  it('IBAN needs its mod-97 checksum and country length', () => {
    expect(findPii('Refund to DE89 3704 0044 0532 0130 01 please.')).toEqual([]);
    expect(findPii('IBAN GB82WEST1234569876543')).toEqual([]);
  });

  const jwt =
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c';
  it.each([
    ['key sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z gets 401', 'sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z'],
    ['token ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8 leaked', 'ghp_A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8'],
    ['aws AKIAIOSFODNN7EXAMPLE in the logs', 'AKIAIOSFODNN7EXAMPLE'],
    ['slack xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx posted', 'xoxb-123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx'],
    [`Authorization: Bearer ${jwt}`, jwt],
    ['our key af_live_0123456789abcdefghjkmnpqrstvwxyz0123456789 works', 'af_live_0123456789abcdefghjkmnpqrstvwxyz0123456789'],
    ['worker token af_wrk_zyxwvtsrqpnmkjhgfedcba9876543210zyxwvtsr', 'af_wrk_zyxwvtsrqpnmkjhgfedcba9876543210zyxwvtsr'],
    ['GET /v1?api_key=Zx9Qw3Er7Ty1Ui5Op0As4Df8 HTTP/1.1', 'Zx9Qw3Er7Ty1Ui5Op0As4Df8'],
    ['token: "9f8e7d6c5b4a39281706f5e4d3c2b1a0"', '9f8e7d6c5b4a39281706f5e4d3c2b1a0'],
    ['curl -H "Authorization: Bearer 3kF9xQ2mZ7pL8vR1tY6w"', '3kF9xQ2mZ7pL8vR1tY6w'],
    ['password=hunter22', 'hunter22'],
    ['db at postgres://app:S3cr3tPw@db.internal:5432/app', 'S3cr3tPw'],
    ['my password is Tr0ub4dor&3 ok?', 'Tr0ub4dor&3'],
  ])('SECRET in %s', (text, value) => one(text, 'SECRET', value));

  it('key-like names with ordinary values are not secrets', () => {
    expect(findPii('Set token: none and api_key=changeme')).toEqual([]);
    expect(findPii('The password is incorrect')).toEqual([]);
    expect(findPii('Bearer authentication is described in RFC 6750')).toEqual([]);
  });

  it('finds several entities in one text, in order, with offsets into the original', () => {
    const text = 'Update my contact: li.chen@mail.de, phone +1 202-555-0143, card 4111-1111-1111-1111.';
    const r = redact(text);
    expect(r.entities.map((e) => [e.type, text.slice(e.start, e.end)])).toEqual([
      ['EMAIL', 'li.chen@mail.de'],
      ['PHONE', '+1 202-555-0143'],
      ['CREDIT_CARD', '4111-1111-1111-1111'],
    ]);
    expect(r.text).toBe('Update my contact: [EMAIL], phone [PHONE], card [CREDIT_CARD].');
  });
});

describe('leaves ordinary numbers alone', () => {
  it(`has a corpus of at least 40 number-heavy lines (${NUMBER_HEAVY_LINES.length})`, () => {
    expect(NUMBER_HEAVY_LINES.length).toBeGreaterThanOrEqual(40);
  });
  it.each(NUMBER_HEAVY_LINES.map((l) => [l]))('%s', (line) => {
    expect(redact(line)).toEqual({ text: line, entities: [] });
  });
});
