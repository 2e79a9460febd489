// @sst-tricks/l2x/text: the browser-safe text side of L2X (tokeniser, vocabulary), without tfjs
// or Node built-ins, for pages that run an exported model (the demo's L2X page).
export { tokenize } from './data/tokenize.js';
export { PAD, PAD_ID, UNK, UNK_ID, Vocabulary } from './data/vocabulary.js';
