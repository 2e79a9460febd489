// One error class for everything the builder, the checker and the exporters reject, so callers
// (the CLI) can tell a bad model or input from a bug. Messages name the value, node or field.
export class OnnxExportError extends Error {
  override readonly name = 'OnnxExportError';
}
