/** A checkpoint that cannot be used: missing, corrupt, or not matching the model. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}
