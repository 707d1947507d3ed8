/** Small pieces the expectation sentence tables share. */

/** A sentence that cannot be compiled: what is wrong and what would be valid. */
export interface SentenceProblem {
  problem: string;
  hint: string;
}

/** The problem of a word outside its list, naming the valid ones. */
export function unknownWord(kind: string, word: string, valid: readonly string[]): SentenceProblem {
  return { problem: `unknown ${kind} '${word}'`, hint: `valid: ${valid.join(', ')}` };
}
