/* global document */
/**
 * One programme as a card in the tab. Every text from the programme store goes in as a text node
 * (never as markup), so a title like "<b>neu</b>" shows exactly as written.
 */

/** `el('p', { className: 'x' }, 'text', child)`: strings become text nodes. */
export function el(tag, properties = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name === 'className') element.className = value;
    else element.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** Fills `{name}` in a text from the server. */
export const fill = (template, values) => template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));

const germanDate = (isoDate) => isoDate.split('-').reverse().join('.');

/** Only https links from the store become links: the server checks this too, the page does not rely on it. */
const isHttps = (url) => typeof url === 'string' && url.startsWith('https://');

function row(label, ...values) {
  return el('div', { className: 'row' }, el('dt', {}, label), el('dd', {}, ...values));
}

function externalLink(url, label, title, texts, className) {
  if (!isHttps(url)) return null;
  return el(
    'a',
    { href: url, target: '_blank', rel: 'noopener noreferrer', className },
    label,
    el('span', { className: 'visually-hidden' }, `: ${title} ${texts.newWindow}`),
  );
}

/**
 * A list item with the programme's card: what, who, how much, until when, why it fits (search) or
 * what it covers (browse), and the way to the funder's page.
 */
export function programmeCard(result, texts, view) {
  const titleId = `${view}-${result.id}-title`;
  const ended = result.status === 'ended';
  const urgent = !ended && result.daysLeft !== null && result.daysLeft <= 30;

  const details = el(
    'dl',
    {},
    row(texts.funded, result.summary),
    row(
      result.withoutApplication ? texts.participants : texts.applicants,
      result.applicants.join(', '),
      result.sizeNote ? el('span', { className: 'note' }, ` (${result.sizeNote})`) : null,
    ),
    result.route || result.viaIntermediary || result.withoutApplication
      ? row(texts.via, result.route ?? result.viaIntermediary ?? result.withoutApplication)
      : null,
    row(texts.amount, result.amount, result.amountNote ? el('span', { className: 'note' }, ` – ${result.amountNote}`) : null),
    row(
      texts.deadline,
      el('span', { className: ended ? 'deadline deadline-ended' : urgent ? 'deadline deadline-urgent' : 'deadline' }, result.deadline),
    ),
    view === 'browse' ? row(texts.topics, result.needs.join(', ')) : null,
    view === 'browse' ? row(texts.groups, result.targetGroups.length > 0 ? result.targetGroups.join(', ') : texts.openToAll) : null,
    result.successor ? row(texts.successor, result.successor.title) : null,
    result.contact ? row(texts.contact, result.contact) : null,
  );

  const fits = [
    ...result.reasons.map((reason) =>
      el('li', { className: 'reason' }, el('span', { 'aria-hidden': 'true' }, `${texts.whyFits} `), reason),
    ),
    ...result.mismatches.map((mismatch) =>
      el('li', { className: 'mismatch' }, el('span', { 'aria-hidden': 'true' }, `${texts.whatNotFits} `), mismatch),
    ),
  ];

  const article = el(
    'article',
    { className: 'card', 'aria-labelledby': titleId, 'data-id': result.id, 'data-status': result.status },
    el('h2', { id: titleId, tabindex: '-1' }, result.title),
    el(
      'p',
      { className: 'funder' },
      result.funder,
      ' · ',
      result.levelLabel,
      ended ? el('span', { className: 'badge' }, texts.ended) : null,
    ),
    details,
    fits.length > 0 ? el('ul', { className: 'fits' }, ...fits) : null,
    el(
      'p',
      { className: 'links' },
      // An ended programme's page is for reference only: a plain link, not the main action.
      externalLink(result.applicationUrl, texts.openPage, result.title, texts, ended ? 'source' : 'button-link'),
      result.sourceUrl !== result.applicationUrl ? externalLink(result.sourceUrl, texts.source, result.title, texts, 'source') : null,
    ),
    el('p', { className: 'checked' }, fill(texts.checked, { date: germanDate(result.lastVerified) })),
  );
  return el('li', {}, article);
}
