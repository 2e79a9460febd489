// The BeerAdvocate files as released by Lei et al. (2016) for rationale extraction:
//   reviews:     one review a line, "r0 r1 r2 r3 r4<TAB>tok tok tok …" (five ratings in [0, 1],
//                ASPECTS order, whitespace-separated; the tokens separated by single spaces);
//   annotations: one JSON object a line, {"x": [tokens], "y": [five ratings], "0": [[start, end],
//                …], …, "4": […]} with [start, end) token spans of the sentences about each aspect.
// Parsing is strict: anything else is an L2xDataError naming the file and the line.
import { ASPECT_COUNT } from './aspects.js';
import { L2xDataError } from './data-error.js';
import type { Review, Span } from './review.js';

function lines(text: string): string[] {
  const all = text.split(/\r?\n/);
  if (all.length > 0 && all[all.length - 1] === '') all.pop();
  return all;
}

function checkRating(file: string, line: number, value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new L2xDataError(
      file,
      line,
      `${what} must be a number in [0, 1], got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/** Parses a reviews file; `file` names it in errors. Blank lines are errors (they are not reviews). */
export function parseReviews(text: string, file: string): Review[] {
  return lines(text).map((raw, i) => {
    const line = i + 1;
    const tab = raw.indexOf('\t');
    if (tab < 0)
      throw new L2xDataError(file, line, 'expected "<five ratings>\\t<tokens>", found no tab');
    const fields = raw.slice(0, tab).trim().split(/\s+/);
    if (fields.length !== ASPECT_COUNT) {
      throw new L2xDataError(
        file,
        line,
        `expected ${ASPECT_COUNT} ratings before the tab, got ${fields.length}`,
      );
    }
    const ratings = fields.map((f, a) => {
      const value = f === '' ? Number.NaN : Number(f);
      return checkRating(file, line, Number.isNaN(value) ? f : value, `rating ${a}`);
    });
    const tokens = raw
      .slice(tab + 1)
      .trim()
      .split(/\s+/)
      .filter((t) => t !== '');
    if (tokens.length === 0) throw new L2xDataError(file, line, 'the review has no tokens');
    return { tokens, ratings };
  });
}

/** A reviews file's text (the inverse of parseReviews; tokens must not contain whitespace). */
export function formatReviews(reviews: readonly Review[]): string {
  return reviews
    .map((r, i) => {
      if (r.ratings.length !== ASPECT_COUNT) {
        throw new RangeError(
          `reviews[${i}].ratings must hold ${ASPECT_COUNT} numbers, got ${r.ratings.length}`,
        );
      }
      for (const t of r.tokens) {
        if (t === '' || /\s/.test(t)) {
          throw new RangeError(
            `reviews[${i}].tokens must be non-empty and without whitespace, got ${JSON.stringify(t)}`,
          );
        }
      }
      return `${r.ratings.map(formatRating).join(' ')}\t${r.tokens.join(' ')}`;
    })
    .map((l) => `${l}\n`)
    .join('');
}

/** Shortest decimal that parses back to the same double (ratings like 0.7 stay "0.7"). */
function formatRating(x: number): string {
  return String(x);
}

function checkSpans(
  file: string,
  line: number,
  value: unknown,
  key: string,
  length: number,
): Span[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new L2xDataError(
      file,
      line,
      `"${key}" must be a list of [start, end) spans, got ${JSON.stringify(value)}`,
    );
  }
  return value.map((span, j) => {
    if (
      !Array.isArray(span) ||
      span.length !== 2 ||
      !Number.isInteger(span[0]) ||
      !Number.isInteger(span[1]) ||
      span[0] < 0 ||
      span[1] <= span[0] ||
      span[1] > length
    ) {
      throw new L2xDataError(
        file,
        line,
        `"${key}"[${j}] must be [start, end) with 0 ≤ start < end ≤ ${length} (the token count), got ${JSON.stringify(span)}`,
      );
    }
    return [span[0], span[1]] as const;
  });
}

/** Parses an annotations file (JSON lines). A missing aspect key means "no sentence about it". */
export function parseAnnotations(text: string, file: string): Review[] {
  return lines(text).map((raw, i) => {
    const line = i + 1;
    let record: unknown;
    try {
      record = JSON.parse(raw);
    } catch (error) {
      throw new L2xDataError(file, line, `not JSON: ${(error as Error).message}`);
    }
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new L2xDataError(file, line, 'expected a JSON object with "x", "y" and "0"…"4"');
    }
    const r = record as Record<string, unknown>;
    const x = r.x;
    if (!Array.isArray(x) || x.length === 0 || !x.every((t) => typeof t === 'string' && t !== '')) {
      throw new L2xDataError(file, line, '"x" must be a non-empty list of non-empty token strings');
    }
    const y = r.y;
    if (!Array.isArray(y) || y.length !== ASPECT_COUNT) {
      throw new L2xDataError(
        file,
        line,
        `"y" must be a list of ${ASPECT_COUNT} ratings, got ${JSON.stringify(y)}`,
      );
    }
    const ratings = y.map((v, a) => checkRating(file, line, v, `"y"[${a}]`));
    const spans = Array.from({ length: ASPECT_COUNT }, (_, a) =>
      checkSpans(file, line, r[String(a)], String(a), x.length),
    );
    return { tokens: x as string[], ratings, spans };
  });
}

/** An annotations file's text (the inverse of parseAnnotations). */
export function formatAnnotations(reviews: readonly Review[]): string {
  return reviews
    .map((r, i) => {
      if (r.spans === undefined) throw new RangeError(`reviews[${i}] has no spans to write`);
      const record: Record<string, unknown> = { x: r.tokens, y: r.ratings };
      r.spans.forEach((s, a) => {
        record[String(a)] = s.map(([start, end]) => [start, end]);
      });
      return `${JSON.stringify(record)}\n`;
    })
    .join('');
}
