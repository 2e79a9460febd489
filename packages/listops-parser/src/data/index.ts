export { ListOpsFormatError } from './errors.js';
export type { ExpressionNode, OperatorNode, ValueNode } from './expression.js';
export {
  applyOperator,
  depthOf,
  evaluate,
  goldHeads,
  parseTokens,
  tokensOf,
} from './expression.js';
export type { GenerateOptions } from './generator.js';
export { generateListOps, generateSplits } from './generator.js';
export type { Operator } from './tokens.js';
export {
  CLOSE,
  GENERATED_OPERATORS,
  isDigit,
  OPERATORS,
  operatorOf,
  PAD_ID,
  tokenId,
  VOCABULARY,
} from './tokens.js';
export type { ListOpsExample, VerifyResult, WriteOptions } from './tsv.js';
export { parseLine, readListOps, readListOpsFile, verifyListOps, writeListOps } from './tsv.js';
