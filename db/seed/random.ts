/** mulberry32: a tiny seeded PRNG, so demo data is identical on every machine. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

/** Appends the Luhn check digit used by Swedish organisationsnummer and personnummer. */
export function luhnCheckDigit(digits: string) {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

/**
 * A personnummer in Skatteverket's test series: the last four digits are 9800–9899 (serial 980–989
 * plus the Luhn check digit), so it is valid in form and checksum but never a real person's.
 * Returned in the stored 12-digit form. For demo and test data only.
 */
export function testPersonnummer(birthDate: string, serial: number, options: { coordination?: boolean } = {}) {
  if (!Number.isInteger(serial) || serial < 980 || serial > 989) throw new Error('test-series serials are 980–989');
  const [y, m, d] = birthDate.split('-') as [string, string, string];
  const day = options.coordination ? String(Number(d) + 60) : d;
  return `${y}${m}${day}${serial}${luhnCheckDigit(`${y.slice(2)}${m}${day}${serial}`)}`;
}
