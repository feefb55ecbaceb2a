/** An ILIKE pattern that matches `text` anywhere, with %, _ and \ in it taken literally. */
export function containsPattern(text: string) {
  return `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;
}
