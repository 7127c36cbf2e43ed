// Words as the plan's full-text search indexes and looks for them (decision 056): lower case,
// without accents, and reduced by a light French stemmer, so that "panneaux" finds "panneau" and
// "façades" finds "Façade". The same function makes the stored terms and the query's terms, on
// both engines; the query then matches each word as a prefix ("signal" finds "signalétique").

/** Lower case without accents, for searching "facade" in "Façades d'Amou" (the registers' LIKE search). */
export function searchKey(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** "Façades d'Amou" → "facades d amou": lower case, accents and punctuation gone. */
export function foldText(text: string): string {
  return searchKey(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

/**
 * A light stemmer for French, in the manner of Savoy's (the plural and the feminine only: the
 * words stay recognisable, and a query's word is matched as a prefix anyway).
 */
export function frenchStem(word: string): string {
  let w = word;
  if (w.length > 4 && w.endsWith("eaux")) w = w.slice(0, -1); // panneaux → panneau
  else if (w.length > 4 && w.endsWith("aux")) w = `${w.slice(0, -3)}al`; // signaux → signal
  else if (w.length > 3 && (w.endsWith("s") || w.endsWith("x"))) w = w.slice(0, -1); // visites → visite
  if (w.length > 4 && w.endsWith("e")) w = w.slice(0, -1); // visite → visit, accueillante → accueillant
  return w;
}

/** The terms of a text, as stored for the index and as looked for: "Panneaux signalétiques" → "panneau signaletiqu". */
export function searchTerms(text: string, limit = Number.POSITIVE_INFINITY): string[] {
  return foldText(text)
    .split(" ")
    .filter(Boolean)
    .slice(0, limit)
    .map(frenchStem);
}
