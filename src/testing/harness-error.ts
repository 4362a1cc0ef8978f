/** A connector broke the agent's contract in a way a test must see: a bad page walk, a stdout that is not one JSON document. */
export class HarnessError extends Error {
  override name = 'HarnessError';
}
