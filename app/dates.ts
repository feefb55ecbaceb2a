/** Today's date (YYYY-MM-DD) in Stockholm, as the business calendar runs there. */
export function todayInStockholm(now = new Date()) {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Stockholm' }).format(now);
}
