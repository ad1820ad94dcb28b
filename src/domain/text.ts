/** "Long text" → "Long t…": at most `max` characters, cut at the end with an ellipsis. */
export function clipText(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, Math.max(0, max - 1)).trimEnd()}…`;
}
