// The interface a model page mounts: its own file so that each model's module and the registry
// that lazy-loads it can both name it without importing each other.

/** What a model page mounts once its exported model exists. */
export interface ModelDemo {
  /** Builds the interactive part into `root`; rejects with a readable error if the model fails to load. */
  mount(root: HTMLElement): Promise<void>;
}
