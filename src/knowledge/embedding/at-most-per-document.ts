/** The items in order, keeping at most `perDocument` of one document (so the top is not slices of one file). */
export function atMostPerDocument<T extends { documentId: string }>(items: T[], perDocument: number): T[] {
  const taken = new Map<string, number>();
  return items.filter((item) => {
    const count = taken.get(item.documentId) ?? 0;
    taken.set(item.documentId, count + 1);
    return count < perDocument;
  });
}
