// @sst-tricks/training/testing: test helpers the data-parallel models share (vitest only; not
// part of the runtime entry).
export { relativeError } from './relative-error.js';
export type { ResumeOptions } from './resume-exactly.js';
export { expectResumeMatchesUninterrupted, tensorBytes } from './resume-exactly.js';
