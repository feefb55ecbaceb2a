// Built once: constructing an Intl.DateTimeFormat costs far more than formatting with one, and
// this runs several times per request.
const stockholmDate = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' });

/** Today's date (YYYY-MM-DD) in Stockholm, as the business calendar runs there. */
export function todayInStockholm(now = new Date()) {
  return stockholmDate.format(now);
}

const longDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "22 juni 2027" for a calendar date (YYYY-MM-DD). */
export function formatSwedishDate(isoDate: string) {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}
