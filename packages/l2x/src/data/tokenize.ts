// Review text → tokens: lower case, punctuation as separate tokens (the BeerAdvocate release's
// tokenisation style). One rule for `sst explain`, `sst infer` and the demo page, so a review
// typed anywhere meets the vocabulary the model was trained with.
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .replace(/([.,!?;:()"])/g, ' $1 ')
    .split(/\s+/)
    .filter((t) => t !== '');
}
