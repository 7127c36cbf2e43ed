// Refusing common and guessable passwords (decision 017): zxcvbn-ts with its common and French
// dictionaries (words, first names, last names, Wikipedia), keyboard patterns and l33t, and the
// account's own words (e-mail, name, office). Server only: the dictionaries weigh megabytes,
// about 19 MB of the server's memory once loaded, so they are loaded at the first password
// checked, not when the server starts (issue 17: the server's memory).
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";

/** zxcvbn's 0–4 score; 3 means "safely unguessable: moderate protection from offline attack". */
export const MIN_SCORE = 3;

let factory: Promise<ZxcvbnFactory> | undefined;
function estimator(): Promise<ZxcvbnFactory> {
  factory ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common"), import("@zxcvbn-ts/language-fr")]).then(
    ([{ ZxcvbnFactory }, common, fr]) =>
      new ZxcvbnFactory({
        translations: fr.translations,
        graphs: common.adjacencyGraphs,
        dictionary: { ...common.dictionary, ...fr.dictionary },
      }),
  );
  return factory;
}

/** The words of the account itself, split as a guesser would try them. */
function ownWords(inputs: ReadonlyArray<string | null | undefined>): string[] {
  const words = new Set<string>();
  for (const input of inputs) {
    if (!input) continue;
    const text = input.toLowerCase();
    words.add(text);
    for (const part of text.split(/[^\p{L}\p{N}]+/u)) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/**
 * Null when the password is strong enough; otherwise the French explanation shown beside the
 * field (the length rule is the schema's, checked before).
 */
export async function passwordWeakness(password: string, label: string, accountWords: ReadonlyArray<string | null | undefined> = []): Promise<string | null> {
  const result = (await estimator()).check(password.slice(0, 100), ownWords(accountWords));
  if (result.score >= MIN_SCORE) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter((t): t is string => Boolean(t)).map((t) => t.trim().replace(/\.?$/, "."));
  return `${label} : trop facile à deviner.${why.length ? ` ${why.join(" ")}` : ""} Une phrase de plusieurs mots inattendus est plus sûre et plus facile à retenir.`;
}
