// The five BeerAdvocate aspects, in the order of the ratings on each line of the real files and of
// the annotation keys "0"…"4" (McAuley et al. 2012; Lei et al. 2016's release).
export const ASPECTS = ['appearance', 'aroma', 'palate', 'taste', 'overall'] as const;
export type Aspect = (typeof ASPECTS)[number];
export const ASPECT_COUNT = ASPECTS.length;

/** The index of an aspect name ("aroma" → 1); RangeError naming the value otherwise. */
export function aspectIndex(aspect: string): number {
  const i = (ASPECTS as readonly string[]).indexOf(aspect);
  if (i < 0) {
    throw new RangeError(
      `aspect must be one of ${ASPECTS.join(', ')}, got ${JSON.stringify(aspect)}`,
    );
  }
  return i;
}
