/** Today's date (YYYY-MM-DD) in Stockholm, as the business calendar runs there. */
export function todayInStockholm(now = new Date()) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
}

const longDate = new Intl.DateTimeFormat('sv-SE', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "22 juni 2027" for a calendar date (YYYY-MM-DD). */
export function formatSwedishDate(isoDate: string) {
  return longDate.format(new Date(`${isoDate}T00:00:00Z`));
}
