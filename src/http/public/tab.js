/* global window, document, fetch, URL, URLSearchParams, console */
/**
 * The programme tab: the bot's search as a form, and all programmes with filters. Everything it shows
 * comes from GET /api/programmes; its own words come from the page (#tab-texts, from src/texts/tab.ts).
 */
import { fill, programmeCard } from './cards.js';
import { followHostTheme } from './teams.js';

const byId = (id) => document.getElementById(id);
const texts = JSON.parse(byId('tab-texts').textContent);

const PAGE_SIZE = 20;
/** Parameters a link to the tab may carry to start a search (`/tab?q=…`, `/tab?need=sprache`); `kommune` names one by name. */
const SEARCH_KEYS = ['need', 'targetGroup', 'size', 'inhabitants', 'municipality', 'kind', 'q'];
/** The municipality of the last search, kept in this browser only (see the privacy page). */
const MUNICIPALITY_KEY = 'foerderlotse.municipality';

async function fetchProgrammes(params) {
  try {
    const response = await fetch(`/api/programmes?${params}`, { headers: { Accept: 'application/json' } });
    const body = await response.json();
    return response.ok
      ? { ok: true, answer: body }
      : { ok: false, message: typeof body.message === 'string' ? body.message : texts.loadFailed };
  } catch (error) {
    console.error('Förderlotse: Programme nicht geladen', error);
    return { ok: false, message: texts.loadFailed };
  }
}

/** One list of results with its status line (a live region), error line and "more" button. */
function resultList(view) {
  const list = byId(`${view}-results`);
  const status = byId(`${view}-status`);
  const error = byId(`${view}-error`);
  const more = byId(`${view}-more`);
  let latest = 0;
  let current = null;

  const showMore = () => {
    const remaining = current === null ? 0 : current.total - current.shown;
    more.hidden = remaining <= 0;
    more.textContent = fill(texts.more, { count: remaining });
  };

  const append = (results) => {
    const items = results.map((result) => programmeCard(result, texts, view));
    list.append(...items);
    current.shown += results.length;
    showMore();
    return items;
  };

  /** Asks the API; a request overtaken by a newer one answers null and is dropped. */
  async function request(params, offset) {
    const ticket = ++latest;
    const query = new URLSearchParams(params);
    query.set('limit', String(PAGE_SIZE));
    if (offset > 0) query.set('offset', String(offset));
    list.setAttribute('aria-busy', 'true');
    status.textContent = texts.loading;
    const outcome = await fetchProgrammes(query);
    if (ticket !== latest) return null;
    list.removeAttribute('aria-busy');
    return outcome;
  }

  const controller = {
    request: (params) => request(params, 0),
    render(answer, params) {
      error.textContent = '';
      current = { params, total: answer.total, shown: 0 };
      list.replaceChildren();
      append(answer.results);
      status.textContent = answer.message;
    },
    fail(message) {
      current = null;
      list.replaceChildren();
      list.removeAttribute('aria-busy');
      status.textContent = '';
      error.textContent = message;
      showMore();
    },
    clear() {
      latest += 1;
      controller.fail('');
    },
  };

  more.addEventListener('click', async () => {
    if (current === null) return;
    const before = current;
    const outcome = await request(before.params, before.shown);
    if (outcome === null || current !== before) return;
    if (!outcome.ok) {
      error.textContent = outcome.message;
      status.textContent = '';
      return;
    }
    const items = append(outcome.answer.results);
    status.textContent = fill(texts.range, { from: 1, to: current.shown, total: current.total });
    // Keyboard and screen reader users continue at the first new card, not at the end of the page.
    items[0]?.querySelector('h2')?.focus();
  });

  return controller;
}

// ---------------------------------------------------------------------------------------------
// Search: free text through the recognizer, the three fields, results as the bot ranks them.

const searchForm = byId('search-form');
const freeText = byId('q');
const fields = { need: byId('need'), targetGroup: byId('targetGroup'), size: byId('size') };
const municipalityInput = byId('municipality');
const municipalityOptions = [...byId('municipality-list').options];
const understood = byId('search-understood');
const unsure = byId('search-unsure');
const searchResults = resultList('search');
/** The free text whose understanding the fields show; changing it lets the text speak again. */
let appliedText = '';

for (const field of [...Object.values(fields), municipalityInput]) {
  field.addEventListener('change', () => {
    field.dataset.source = 'user';
  });
}
// A municipality brings its own size: choosing a size by hand lets go of it, so the two never disagree.
fields.size.addEventListener('change', () => {
  municipalityInput.value = '';
});

/** Storage may be blocked (private mode, Teams in some browsers): then nothing is remembered. */
const remembered = {
  read() {
    try {
      return window.localStorage.getItem(MUNICIPALITY_KEY);
    } catch {
      return null;
    }
  },
  write(ags) {
    try {
      if (ags === null) window.localStorage.removeItem(MUNICIPALITY_KEY);
      else window.localStorage.setItem(MUNICIPALITY_KEY, ags);
    } catch {
      // Not remembered; the search itself is unaffected.
    }
  },
};

const optionByAgs = (ags) => municipalityOptions.find((option) => option.dataset.ags === ags);

/** Spellings people use alike: "Guetersloh" and "gütersloh", "Mülheim/Ruhr" and "mülheim ruhr". */
const folded = (text) =>
  text
    .toLocaleLowerCase('de')
    .replace(/ß/g, 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The key of the municipality the field names: a suggestion as offered, or a name or other spelling
 * typed without picking it ("guetersloh", "Mülheim a. d. Ruhr") when only one municipality has it.
 * Empty → null; unknown → undefined.
 */
function municipalityKey() {
  const typed = folded(municipalityInput.value);
  if (typed === '') return null;
  const exact = municipalityOptions.find((option) => folded(option.value) === typed);
  if (exact !== undefined) return exact.dataset.ags;
  const named = municipalityOptions.filter((option) =>
    [option.dataset.name, ...option.dataset.aliases.split('|')].some((name) => name !== '' && folded(name) === typed),
  );
  return named.length === 1 ? named[0].dataset.ags : undefined;
}

// Emptying the field is how a user tells the browser to forget the municipality.
municipalityInput.addEventListener('change', () => {
  if (municipalityInput.value.trim() === '') remembered.write(null);
});

function showMunicipality(ags) {
  const option = ags === null ? undefined : optionByAgs(ags);
  municipalityInput.value = option?.value ?? '';
}

const labelOf = (select, id) => [...select.options].find((option) => option.value === id)?.textContent ?? id;

/** Shows a list of ids in a select; two or more get an option of their own ("Sprache + Wohnen"). */
function choose(select, ids) {
  for (const option of select.querySelectorAll('option[data-combined]')) option.remove();
  const value = ids.join(',');
  if (ids.length > 1) {
    const option = document.createElement('option');
    option.value = value;
    option.dataset.combined = 'true';
    option.textContent = ids.map((id) => labelOf(select, id)).join(' + ');
    select.append(option);
  }
  select.value = value;
}

/** The fields show what was searched for, so the user sees what the text was understood as. */
function showProfile(answer) {
  const { profile } = answer;
  const chosen = { need: profile.needs, targetGroup: profile.targetGroups, size: profile.size === null ? [] : [profile.size.class] };
  for (const [name, select] of Object.entries(fields)) {
    const before = select.value;
    choose(select, chosen[name]);
    if (select.dataset.source !== 'user' || select.value !== before) select.dataset.source = 'text';
  }
  const before = municipalityInput.value;
  showMunicipality(profile.municipality?.ags ?? null);
  if (municipalityInput.dataset.source !== 'user' || municipalityInput.value !== before) municipalityInput.dataset.source = 'text';

  understood.hidden = answer.recognized === null || answer.mode === 'browse';
  understood.textContent = fill(texts.understood, { profile: answer.profileText });

  const guesses =
    answer.recognized === null
      ? []
      : [
          ...answer.recognized.unsure.needs.map((id) => labelOf(fields.need, id)),
          ...answer.recognized.unsure.targetGroups.map((id) => labelOf(fields.targetGroup, id)),
          ...answer.recognized.unsure.municipalities.map((municipality) => optionByAgs(municipality.ags)?.value ?? municipality.name),
        ];
  unsure.hidden = guesses.length === 0;
  unsure.textContent = fill(texts.unsure, { labels: guesses.map((label) => `„${label}“`).join(', ') });
}

/** The search the form asks for, or null when the municipality field names none we know. */
function formParams() {
  const params = new URLSearchParams();
  const text = freeText.value.trim();
  const textIsNew = text !== '' && text !== appliedText;
  // A new text decides the fields it speaks of; a field the user set by hand still wins.
  const speaks = (field) => !textIsNew || field.dataset.source === 'user';
  const municipality = municipalityKey();
  if (municipality === undefined) return null;
  if (municipality !== null && speaks(municipalityInput)) params.set('municipality', municipality);
  for (const [name, select] of Object.entries(fields)) {
    if (name === 'size' && params.has('municipality')) continue;
    if (select.value !== '' && speaks(select)) params.set(name, select.value);
  }
  if (textIsNew) params.set('q', text);
  return params;
}

/** "Ungültiger Wert „x“ für „need“. Erwartet: …" → its first sentence, which names the problem. */
const firstSentence = (message) => message.split(/(?<=\.)\s/)[0];

async function search(params, { fromLink = false } = {}) {
  if ([...params.keys()].length === 0) {
    searchResults.fail(texts.emptySearch);
    freeText.focus();
    return;
  }
  const outcome = await searchResults.request(params);
  if (outcome === null) return;
  if (!outcome.ok) {
    // A link from elsewhere may be outdated: say so plainly, and which part is wrong.
    searchResults.fail(fromLink ? `${texts.badLink} ${firstSentence(outcome.message)}` : outcome.message);
    return;
  }
  const { answer } = outcome;
  if (params.has('q')) appliedText = params.get('q').trim();
  showProfile(answer);
  // A link never makes the browser forget a municipality; a search from the form says what holds now.
  const ags = answer.profile.municipality?.ags ?? null;
  if (ags !== null || !fromLink) remembered.write(ags);
  if (answer.mode === 'browse') {
    // The text said nothing the search can use: say so instead of listing everything.
    searchResults.fail(texts.notUnderstood);
    return;
  }
  searchResults.render(answer, params);
  showSearch(params);
}

const exportArea = byId('search-export');

/** The page's address says what the open view shows (its search, or the list's filters), so it can be sent as a link. */
const addresses = { search: '', browse: 'view=browse' };
let shownView = 'search';

function showAddress() {
  const url = new URL(window.location.href);
  url.search = addresses[shownView];
  window.history.replaceState(null, '', url);
}

/** The search goes into the address; the list can be taken away as a file. */
function showSearch(params) {
  const query = params.toString();
  addresses.search = query;
  showAddress();
  byId('export-docx').href = `/api/export.docx?${query}`;
  byId('export-csv').href = `/api/export.csv?${query}`;
  exportArea.hidden = false;
}

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const params = formParams();
  if (params === null) {
    searchResults.fail(texts.unknownMunicipality);
    municipalityInput.focus();
    return;
  }
  search(params);
});

searchForm.addEventListener('reset', () => {
  exportArea.hidden = true;
  addresses.search = '';
  showAddress();
  appliedText = '';
  delete municipalityInput.dataset.source;
  remembered.write(null);
  for (const select of Object.values(fields)) {
    delete select.dataset.source;
    for (const option of select.querySelectorAll('option[data-combined]')) option.remove();
  }
  understood.hidden = true;
  unsure.hidden = true;
  searchResults.clear();
});

// ---------------------------------------------------------------------------------------------
// All programmes, with filters that apply as soon as they change, and the name as it is typed.

const browseForm = byId('browse-form');
const nameInput = byId('name');
const browseResults = resultList('browse');
/** Typing asks when the typist pauses, not at every letter: each answer's count is read out. */
const TYPING_PAUSE_MS = 250;
/** The filters of the list last asked for; null before the view was first shown. */
let browsed = null;
let typing;

function browseParams() {
  const params = new URLSearchParams();
  const name = nameInput.value.trim();
  if (name !== '') params.set('name', name);
  if (byId('level').value !== '') params.set('level', byId('level').value);
  if (byId('soon').checked) params.set('deadlineWithinDays', byId('soon').value);
  params.set('status', byId('ended').checked ? 'all' : 'open');
  return params;
}

/** A link to the list (`/tab?view=browse&name=…&status=all`) sets the filters it names. */
function showBrowseFilters(linked) {
  nameInput.value = linked.get('name') ?? '';
  byId('level').value = linked.get('level') ?? '';
  byId('soon').checked = linked.has('deadlineWithinDays');
  byId('ended').checked = linked.get('status') === 'all';
}

async function browse() {
  window.clearTimeout(typing);
  const params = browseParams();
  browsed = params.toString();
  const address = new URLSearchParams([['view', 'browse'], ...[...params].filter(([key, value]) => key !== 'status' || value !== 'open')]);
  addresses.browse = address.toString();
  if (shownView === 'browse') showAddress();
  const outcome = await browseResults.request(params);
  if (outcome === null) return;
  if (outcome.ok) browseResults.render(outcome.answer, params);
  else browseResults.fail(outcome.message);
}

/** Only when the filters say something new: a pause after typing back to the same text asks nothing. */
function browseIfChanged() {
  if (browseParams().toString() !== browsed) browse();
}

browseForm.addEventListener('change', (event) => {
  // The name field has asked already while it was typed in.
  if (event.target === nameInput) browseIfChanged();
  else browse();
});
nameInput.addEventListener('input', () => {
  window.clearTimeout(typing);
  typing = window.setTimeout(browseIfChanged, TYPING_PAUSE_MS);
});
// Enter in the name field asks at once (again, after a failed answer); the form is sent nowhere.
browseForm.addEventListener('submit', (event) => {
  event.preventDefault();
  browse();
});

// ---------------------------------------------------------------------------------------------
// The two views as tabs (WAI-ARIA tabs pattern: arrow keys move between them).

const views = [byId('view-search'), byId('view-browse')];

function selectView(view, { focus }) {
  for (const other of views) {
    const selected = other === view;
    other.setAttribute('aria-selected', String(selected));
    other.tabIndex = selected ? 0 : -1;
    byId(other.getAttribute('aria-controls')).hidden = !selected;
  }
  if (focus) view.focus();
  shownView = view.id === 'view-browse' ? 'browse' : 'search';
  if (shownView === 'browse' && browsed === null) browse();
  else showAddress();
}

for (const view of views) view.addEventListener('click', () => selectView(view, { focus: false }));
views[0].parentElement.addEventListener('keydown', (event) => {
  const index = views.indexOf(document.activeElement);
  if (index < 0) return;
  const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: views.length - 1 }[event.key];
  if (next === undefined) return;
  event.preventDefault();
  selectView(views[(next + views.length) % views.length], { focus: true });
});

// ---------------------------------------------------------------------------------------------
// Start: theme, Teams, and a search or view the link asks for.

const teamsContext = followHostTheme({
  onLocale: (locale) => {
    document.documentElement.dataset.locale = locale;
    // The texts are German only; say so rather than pretend to follow another language.
    const note = byId('locale-note');
    note.hidden = /^de\b/i.test(locale);
    note.textContent = texts.germanOnly;
  },
}).catch((error) => {
  console.error('Förderlotse: Teams-Kontext nicht gelesen', error);
  return null;
});

const linked = new URLSearchParams(window.location.search);
const linkedSearch = new URLSearchParams([...linked].filter(([key]) => SEARCH_KEYS.includes(key)));
// „kommune=Gütersloh“ in a hand-written link: the name (or key) as the field would read it.
if (linked.has('kommune') && !linkedSearch.has('municipality')) {
  municipalityInput.value = linked.get('kommune');
  const key = municipalityKey() ?? optionByAgs(linked.get('kommune'))?.dataset.ags;
  municipalityInput.value = '';
  if (key) linkedSearch.set('municipality', key);
}
const rememberedAgs = remembered.read();
if (rememberedAgs !== null && optionByAgs(rememberedAgs) !== undefined) {
  showMunicipality(rememberedAgs);
  municipalityInput.dataset.source = 'user';
  // A link that says nothing of size is searched for the user's own municipality.
  if (!['size', 'inhabitants', 'municipality'].some((key) => linkedSearch.has(key)) && [...linkedSearch.keys()].length > 0) {
    linkedSearch.set('municipality', rememberedAgs);
  }
}
if (linked.get('view') === 'browse') {
  showBrowseFilters(linked);
  selectView(views[1], { focus: false });
} else if ([...linkedSearch.keys()].length > 0) {
  freeText.value = linkedSearch.get('q') ?? '';
  search(linkedSearch, { fromLink: true });
} else {
  // Opened in Teams from the bot's „Im Tab öffnen“: the search comes as the deep link's subEntityId.
  teamsContext.then((context) => {
    const carried = new URLSearchParams(context?.page?.subPageId ?? '');
    const fromBot = new URLSearchParams([...carried].filter(([key]) => SEARCH_KEYS.includes(key)));
    if ([...fromBot.keys()].length > 0) search(fromBot, { fromLink: true });
  });
}
