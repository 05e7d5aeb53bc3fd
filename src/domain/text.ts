/** Soft hyphens, zero-width spaces and joiners, direction marks, the byte order mark: text pasted from PDFs and web pages. */
const INVISIBLES = /[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]/g;

/** The text as it reads: invisible characters gone, "u" with a combining diaeresis one "ü" (as macOS and PDFs write it). */
export const withoutInvisibles = (text: string): string => text.normalize('NFC').replace(INVISIBLES, '');

/**
 * Folds German text so that spellings people use interchangeably compare equal: lower case,
 * ä/ae/a alike (and ö, ü), ß as ss, accents dropped, punctuation as spaces. Digits keep their
 * separators so that "8.000" and "1,1" survive.
 */
export function fold(text: string): string {
  return withoutInvisibles(text)
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/[^a-z0-9%€.,]+/g, ' ')
    .replace(/(?<!\d)[.,]|[.,](?!\d)/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Token {
  /** The folded word. */
  text: string;
  /** Position in the folded text, the tokens joined by single spaces. */
  start: number;
  end: number;
  /** A comma, full stop, dash or bracket stands before it: negations and places do not reach across. */
  clauseStart: boolean;
  /** Joined to the word before by a hyphen ("Rhein-Sieg-Kreis", "Kita-Sozialarbeit"). */
  afterHyphen: boolean;
  /** Written with a small first letter: in German a verb or adjective, unless the writer uses no capitals at all. */
  lowerCase: boolean;
  /** As written, in small letters: "neuenkirchen" and "neunkirchen" fold alike, but are two places. */
  raw: string;
}

const PIECES = /(\d+(?:[.,]\d+)*|[\p{L}\d%€]+)|([,;:!?()[\]\n•·]|\.(?=\s+[A-ZÄÖÜ]|\s*$)|\s[-–—]\s)|(-)/gu;

/** The words and numbers of a message, folded, with what separates them. */
/** A writer who uses capitals: then a word written small is a verb or adjective, not a noun or a name. */
export const writesCapitals = (tokens: readonly Token[]): boolean =>
  tokens.filter((token) => !token.lowerCase && !/^\d/.test(token.text)).length >= 3;

export function readTokens(message: string): Token[] {
  const tokens: Token[] = [];
  let cursor = 0;
  let clauseStart = true;
  let afterHyphen = false;
  // "> 100.000" and "< 20.000" are written bounds.
  for (const found of withoutInvisibles(message).replace(/>/g, ' über ').replace(/</g, ' unter ').matchAll(PIECES)) {
    if (found[1] !== undefined) {
      const lowerCase = found[1][0] !== found[1][0]?.toUpperCase();
      const words = fold(found[1]).split(' ');
      for (const word of words) {
        if (word === '') continue;
        const raw = words.length === 1 ? found[1].toLowerCase() : word;
        tokens.push({ text: word, start: cursor, end: cursor + word.length, clauseStart, afterHyphen, lowerCase, raw });
        cursor += word.length + 1;
        clauseStart = false;
        afterHyphen = false;
      }
    } else if (found[2] !== undefined) {
      clauseStart = true;
    } else {
      afterHyphen = true;
    }
  }
  return tokens;
}
