/** The PostgreSQL error behind a (possibly drizzle-wrapped) error, if any. */
function pgError(error: unknown): { code?: string; constraint_name?: string } | undefined {
  let current: unknown = error;
  for (let i = 0; i < 5 && current; i++) {
    if (typeof current === 'object' && current !== null && 'code' in current && typeof (current as { code: unknown }).code === 'string') {
      return current as { code?: string; constraint_name?: string };
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

export function isUniqueViolation(error: unknown, constraint?: string) {
  const e = pgError(error);
  return e?.code === '23505' && (constraint === undefined || e.constraint_name === constraint);
}

export function isCheckViolation(error: unknown, constraint?: string) {
  const e = pgError(error);
  return e?.code === '23514' && (constraint === undefined || e.constraint_name === constraint);
}
