import { LevelSchema } from '../domain/programme.js';
import { type Municipality, NEEDS, SIZE_CLASSES, TARGET_GROUPS } from '../domain/taxonomy.js';
import { LEVEL_LABELS, municipalityChoice } from '../texts/labels.js';
import { webTexts } from '../texts/tab.js';
import { MAX_FREE_TEXT_CHARS, MAX_NAME_CHARS } from './programmesQuery.js';

/** The HTML of the tab, the legal pages and the chat page; every inserted text is escaped. */

/** Markup that is already safe; anything else put into `html` is escaped. */
class SafeHtml {
  constructor(readonly markup: string) {}
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);

type Fragment = string | number | SafeHtml | readonly SafeHtml[];

function html(strings: TemplateStringsArray, ...values: Fragment[]): SafeHtml {
  const piece = (value: Fragment): string =>
    value instanceof SafeHtml
      ? value.markup
      : Array.isArray(value)
        ? value.map((part: SafeHtml) => part.markup).join('')
        : escapeHtml(String(value));
  return new SafeHtml(
    strings.reduce((markup, text, index) => markup + text + (index < values.length ? piece(values[index] as Fragment) : ''), ''),
  );
}

/** The days the browse filter "Frist bald" looks ahead. */
export const DEADLINE_SOON_DAYS = 60;

const { tab, legal, chat } = webTexts;

const options = (entries: readonly { id: string; label: string }[]) =>
  entries.map((entry) => html`<option value="${entry.id}">${entry.label}</option>`);

const select = (id: string, label: string, entries: readonly { id: string; label: string }[], anyLabel: string) =>
  html` <div class="field">
    <label for="${id}">${label}</label>
    <select id="${id}" name="${id}">
      <option value="">${anyLabel}</option>
      ${options(entries)}
    </select>
  </div>`;

function htmlDocument(title: string, body: SafeHtml, head: SafeHtml = html``, stylesheet = '/tab/tab.css'): string {
  return html`<!doctype html>
    <html lang="de">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <title>${title}</title>
        <link rel="stylesheet" href="${stylesheet}" />
        ${head}
      </head>
      <body>
        ${body}
      </body>
    </html> `.markup;
}

const footer = html` <footer class="page-footer">
  <a href="/datenschutz">${tab.privacy}</a>
  <a href="/nutzungsbedingungen">${tab.terms}</a>
</footer>`;

/** A list of results with its live count, error line and "more" button; the script fills them. */
const resultsArea = (prefix: string) =>
  html` <p id="${prefix}-error" class="message message-error" role="alert"></p>
    <p id="${prefix}-status" class="status" role="status"></p>
    <ol id="${prefix}-results" class="cards" aria-labelledby="${prefix}-status"></ol>
    <button type="button" id="${prefix}-more" class="button-secondary" hidden></button>`;

/** Plain JSON for a page script, never run: CSP allows no inline script, and `<` is escaped so the text cannot close the tag. */
const scriptData = (id: string, data: unknown) =>
  html`<script type="application/json" id="${id}">
    ${new SafeHtml(JSON.stringify(data).replace(/</g, '\\u003c'))}
  </script>`;

/** The tab: search form and results (every NRW municipality offered for its field), and the browse view with filters. */
export function tabPage(municipalities: readonly (Municipality & { aliases?: readonly string[] })[] = []): string {
  const choices = [...municipalities].sort((a, b) => a.name.localeCompare(b.name, 'de'));
  const levels = LevelSchema.options.map((level) => ({ id: level, label: LEVEL_LABELS[level] }));
  // teams-js is not in the head: teams.js loads it only inside a Teams host (see security.ts).
  const head = html` <script type="module" src="/tab/tab.js"></script>
    ${scriptData('tab-texts', webTexts.client)}`;

  const body = html` <a class="skip-link" href="#main">${tab.skipLink}</a>
    <header class="page-header">
      <h1>${tab.heading}</h1>
      <p>${tab.intro}</p>
      <p id="locale-note" class="message" hidden></p>
    </header>
    <main id="main">
      <div class="views" role="tablist" aria-label="${tab.views}">
        <button type="button" role="tab" id="view-search" aria-controls="panel-search" aria-selected="true">${tab.searchView}</button>
        <button type="button" role="tab" id="view-browse" aria-controls="panel-browse" aria-selected="false" tabindex="-1">
          ${tab.browseView}
        </button>
      </div>

      <section id="panel-search" role="tabpanel" aria-labelledby="view-search">
        <noscript><p class="message message-error">${tab.noScript}</p></noscript>
        <form id="search-form" novalidate>
          <div class="field">
            <label for="q">${tab.freeText}</label>
            <textarea id="q" name="q" rows="2" maxlength="${MAX_FREE_TEXT_CHARS}" aria-describedby="q-hint"></textarea>
            <p id="q-hint" class="hint">${tab.freeTextHint}</p>
          </div>
          <fieldset class="fields">
            <legend>${tab.fields}</legend>
            <div class="grid">
              ${select('need', tab.need, NEEDS, tab.any)}${select('targetGroup', tab.targetGroup, TARGET_GROUPS, tab.any)}${select('size', tab.size, SIZE_CLASSES, tab.any)}
              <div class="field">
                <label for="municipality">${tab.municipality}</label>
                <input
                  type="text"
                  id="municipality"
                  name="municipality"
                  list="municipality-list"
                  autocomplete="off"
                  aria-describedby="municipality-hint"
                />
                <datalist id="municipality-list">
                  ${choices.map((municipality) => html`<option value="${municipalityChoice(municipality)}" data-ags="${municipality.ags}" data-name="${municipality.name}" data-aliases="${(municipality.aliases ?? []).join('|')}"></option>`)}
                </datalist>
                <p id="municipality-hint" class="hint">${tab.municipalityHint}</p>
              </div>
            </div>
          </fieldset>
          <div class="actions">
            <button type="submit" class="button-primary">${tab.search}</button>
            <button type="reset" class="button-secondary">${tab.clear}</button>
          </div>
        </form>
        <p id="search-understood" class="understood" hidden></p>
        <p id="search-unsure" class="hint" hidden></p>
        <p id="search-export" class="export" hidden>
          <span>${tab.exportList}</span>
          <a id="export-docx" class="button-secondary" download>${tab.exportWord}</a>
          <a id="export-csv" class="button-secondary" download>${tab.exportCsv}</a>
        </p>
        ${resultsArea('search')}
      </section>

      <section id="panel-browse" role="tabpanel" aria-labelledby="view-browse" hidden>
        <form id="browse-form" role="search" novalidate>
          <div class="field name-filter">
            <label for="name">${tab.nameFilter}</label>
            <input
              type="search"
              id="name"
              name="name"
              maxlength="${MAX_NAME_CHARS}"
              autocomplete="off"
              spellcheck="false"
              aria-describedby="name-hint"
              aria-controls="browse-results"
            />
            <p id="name-hint" class="hint">${tab.nameFilterHint}</p>
          </div>
          <fieldset class="filters">
            <legend>${tab.filters}</legend>
            <div class="grid">
              ${select('level', tab.level, levels, tab.anyLevel)}
              <div class="check">
                <input type="checkbox" id="soon" name="soon" value="${DEADLINE_SOON_DAYS}" />
                <label for="soon">${tab.deadlineSoon(DEADLINE_SOON_DAYS)}</label>
              </div>
              <div class="check">
                <input type="checkbox" id="ended" name="ended" />
                <label for="ended">${tab.showEnded}</label>
              </div>
            </div>
          </fieldset>
        </form>
        ${resultsArea('browse')}
      </section>
    </main>
    ${footer}`;

  return htmlDocument(tab.pageTitle, body, head);
}

type LegalContent = typeof legal.privacy | typeof legal.terms;

/** Datenschutz and Nutzungsbedingungen: static text, the operator's details where the text asks for them. */
export function legalPage(content: LegalContent): string {
  const operator =
    legal.operator.length > 0
      ? html`<address>${legal.operator.map((line) => html`${line}<br />`)}</address>`
      : html`<p class="message message-todo">${legal.operatorMissing}</p>`;
  const sections = content.sections.map(
    (section) =>
      html` <section>
        <h2>${section.heading}</h2>
        ${section.paragraphs.map((paragraph) => html` <p>${paragraph}</p>`)}${'operator' in section ? operator : html``}
      </section>`,
  );
  const body = html` <main id="main" class="legal">
      <p><a href="/tab">${legal.back}</a></p>
      <h1>${content.title}</h1>
      <p>${content.intro}</p>
      ${sections}
    </main>
    ${footer}`;
  const head = html`<script type="module" src="/tab/page.js"></script>`;
  return htmlDocument(`${content.title} – ${tab.heading}`, body, head);
}

/**
 * The chat page: Microsoft's Web Chat, filled by /chat/chat.js. The script carries the response's
 * nonce, which it hands to Web Chat for its <style> elements. Built per request for that nonce.
 */
export function chatPage(nonce: string): string {
  const head = html` <script src="/chat/webchat.js" defer></script>
    <script src="/chat/chat.js" defer nonce="${nonce}"></script>
    ${scriptData('chat-texts', chat.client)}`;
  const body = html` <header class="chat-header">
      <h1>${chat.heading}</h1>
      <p>${chat.hint}</p>
    </header>
    <main id="main" class="chat-main">
      <noscript><p class="chat-error">${chat.noScript}</p></noscript>
      <p id="chat-error" class="chat-error" role="alert" hidden></p>
      <section id="webchat" class="webchat" aria-label="${chat.chatLabel}"></section>
    </main>`;
  return htmlDocument(chat.pageTitle, body, head, '/chat/chat.css');
}

/** In place of the chat page where Web Chat is not installed (an install without devDependencies). */
export function chatUnavailablePage(): string {
  const body = html` <main id="main" class="chat-main">
    <h1>${chat.heading}</h1>
    <p class="chat-error">${chat.notInstalled}</p>
  </main>`;
  return htmlDocument(chat.pageTitle, body, html``, '/chat/chat.css');
}
