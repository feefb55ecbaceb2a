import { describe, expect, it } from 'vitest';
import { emailBackoffSeconds, MAX_EMAIL_ATTEMPTS, subjectLine } from './outbox.server';

const fixed = (value: number) => () => value;

describe('emailBackoffSeconds', () => {
  it('doubles from 30 seconds after each failure (without jitter)', () => {
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => emailBackoffSeconds(n, fixed(0.5)))).toEqual([30, 60, 120, 240, 480, 960, 1920]);
  });

  it('never waits longer than an hour (plus jitter)', () => {
    for (const n of [8, 9, 12, 30, 1000]) expect(emailBackoffSeconds(n, fixed(0.5))).toBe(3600);
  });

  it('treats zero or negative attempts like the first', () => {
    expect(emailBackoffSeconds(0, fixed(0.5))).toBe(30);
    expect(emailBackoffSeconds(-5, fixed(0.5))).toBe(30);
  });

  it('keeps the jitter within ±20 %', () => {
    expect(emailBackoffSeconds(1, fixed(0))).toBe(24);
    expect(emailBackoffSeconds(1, fixed(0.999999))).toBe(36);
    expect(emailBackoffSeconds(50, fixed(0))).toBe(2880);
    expect(emailBackoffSeconds(50, fixed(0.999999))).toBe(4320);
    for (let i = 0; i < 200; i++) {
      const n = 1 + (i % 12);
      const base = Math.min(3600, 30 * 2 ** (n - 1));
      const s = emailBackoffSeconds(n);
      expect(s).toBeGreaterThanOrEqual(Math.floor(base * 0.8));
      expect(s).toBeLessThanOrEqual(Math.ceil(base * 1.2));
    }
  });

  it('never shrinks as attempts grow, for the same jitter', () => {
    for (const r of [0, 0.3, 0.5, 0.999]) {
      let previous = 0;
      for (let n = 1; n <= 20; n++) {
        const s = emailBackoffSeconds(n, fixed(r));
        expect(s).toBeGreaterThanOrEqual(previous);
        expect(Number.isInteger(s)).toBe(true);
        previous = s;
      }
    }
  });

  it('spreads a dead message over about a day of retries at most', () => {
    const total = Array.from({ length: MAX_EMAIL_ATTEMPTS - 1 }, (_, i) => emailBackoffSeconds(i + 1, fixed(0.5))).reduce((a, b) => a + b, 0);
    expect(MAX_EMAIL_ATTEMPTS).toBe(8);
    expect(total).toBe(3810); // 30+60+…+1920 s ≈ 1 h before the eighth and last attempt
  });
});

describe('subjectLine', () => {
  it('keeps a subject on one line: a run of line breaks (and the spaces around it) becomes one space', () => {
    expect(subjectLine('Din plats är publicerad: Praktik\r\nBcc: spy@evil.test')).toBe('Din plats är publicerad: Praktik Bcc: spy@evil.test');
    expect(subjectLine('A \n\n\r B\u2028C\u0085D\vE\fF')).toBe('A B C D E F');
    expect(subjectLine('Titel\n')).toBe('Titel');
  });

  it('leaves an ordinary subject as it is', () => {
    expect(subjectLine('Ny kandidat föreslagen: Undersköterska, hemtjänst')).toBe('Ny kandidat föreslagen: Undersköterska, hemtjänst');
    expect(subjectLine('<script>alert(1)</script> {{7*7}}')).toBe('<script>alert(1)</script> {{7*7}}');
  });
});
