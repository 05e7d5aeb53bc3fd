/**
 * Folds German text so that spellings people use interchangeably compare equal: lower case,
 * ä/ae/a alike (and ö, ü), ß as ss, accents dropped, punctuation as spaces. Digits keep their
 * separators so that "8.000" and "1,1" survive.
 */
export function fold(text: string): string {
  return text
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
  text: string;
  start: number;
  end: number;
}

/** The words and numbers of folded text, with their positions. */
export function tokenize(folded: string): Token[] {
  return [...folded.matchAll(/[a-z0-9.,%€]+/g)].map((found) => ({ text: found[0], start: found.index, end: found.index + found[0].length }));
}
