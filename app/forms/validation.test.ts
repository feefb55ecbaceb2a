import { describe, expect, it } from 'vitest';
import { filterValue, searchText, z } from './validation';

describe('searchText', () => {
  const q = searchText(12).catch('');

  it('drops NUL and the other control characters but tab, line feed and carriage return, then trims', () => {
    expect(q.parse('Lager\0arbete')).toBe('Lagerarbete');
    expect(q.parse(' \0\u0001\u001b\u001fAnna\u000b ')).toBe('Anna');
    expect(q.parse('\0')).toBe('');
    expect(q.parse('a\tb')).toBe('a\tb');
  });

  it('counts the length without them, and turns junk into an empty word', () => {
    expect(q.parse(`${'a'.repeat(12)}\0\0`)).toBe('a'.repeat(12));
    expect(q.parse('a'.repeat(13))).toBe('');
    expect(q.parse(['a'])).toBe('');
    expect(searchText(10).optional().catch(undefined).parse(undefined)).toBeUndefined();
  });
});

describe('filterValue', () => {
  it('refuses a value with NUL, and only that', () => {
    const list = z.array(filterValue(20)).catch([]);
    expect(list.parse(['Kista', 'Rinkeby-Kista'])).toEqual(['Kista', 'Rinkeby-Kista']);
    expect(list.parse(['Kista', 'Kista\0'])).toEqual([]);
    expect(filterValue(20).safeParse('a\u0001b').success).toBe(true);
    expect(filterValue(20).safeParse('x'.repeat(21)).success).toBe(false);
  });
});
