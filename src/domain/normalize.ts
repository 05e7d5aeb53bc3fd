/** Folds German text for matching: lower case, umlauts and ß spelled out, punctuation to spaces. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9.,%€]+/g, ' ')
    .replace(/([a-z])[.,](?=\s|$)/g, '$1')
    .trim()
    .replace(/\s+/g, ' ');
}
