import { type Hit, byNearestDeadline, hitOf, match, rankedHits } from '../domain/matcher.js';
import type { PlaceIndex } from '../domain/places.js';
import type { Programme } from '../domain/programme.js';
import { MAX_MESSAGE_CHARS, type Recognition, recognize } from '../domain/recognizer.js';
import { absorb, newSearchState } from '../domain/searchState.js';
import { type Slot, emptyProfile } from '../domain/taxonomy.js';
import { searchAnywhereTexts as texts } from '../texts/searchAnywhere.js';

/**
 * The search from anywhere in Teams (the message extension, and Copilot through it): the same
 * recognizer, matcher and ranking as the chat, answered at once without touching a conversation.
 */

const SEARCH_COMMAND = 'programmeSuchen';
/** The command's parameters as the manifest names them; `initialRun` is what Teams sends when the box opens empty. */
const SEARCH_PARAMETERS = ['suche', 'handlungsfeld', 'zielgruppe', 'kommune'] as const;
const INITIAL_RUN = 'initialRun';
const MAX_RESULTS = 10;

type ParameterName = (typeof SEARCH_PARAMETERS)[number];
/** The slot a parameter answers; free text may answer all three. */
const SLOT_OF: Record<Exclude<ParameterName, 'suche'>, Slot> = { handlungsfeld: 'needs', zielgruppe: 'targetGroups', kommune: 'size' };

export type SearchAnswer = { kind: 'results'; hits: Hit[] } | { kind: 'message'; text: string };

export interface SearchRequest {
  commandId: unknown;
  parameters: unknown;
}

const textOf = (value: unknown) => (typeof value === 'string' ? value.slice(0, MAX_MESSAGE_CHARS).trim() : '');

/** Each parameter's text by name, or the first name the command does not have. */
function readParameters(parameters: unknown): { values: Partial<Record<ParameterName, string>> } | { unknown: string } {
  const values: Partial<Record<ParameterName, string>> = {};
  // Teams sends at most the command's parameters and `initialRun`; anything beyond is not read.
  for (const parameter of Array.isArray(parameters) ? parameters.slice(0, SEARCH_PARAMETERS.length + 1) : []) {
    const name: unknown = (parameter as { name?: unknown } | null)?.name;
    if (typeof name !== 'string') continue;
    if (name === INITIAL_RUN) continue;
    if (!(SEARCH_PARAMETERS as readonly string[]).includes(name)) return { unknown: name.slice(0, 40) };
    values[name as ParameterName] = textOf((parameter as { value?: unknown }).value);
  }
  return { values };
}

const understoodAnything = (recognition: Recognition) =>
  recognition.needs.length > 0 || recognition.targetGroups.length > 0 || recognition.size !== null || recognition.municipality !== null;

/** Open programmes, the nearest deadlines first: what to look at when nothing was asked yet. */
function nearestDeadlines(programmes: readonly Programme[], today: string): Hit[] {
  return [...match(emptyProfile(), programmes, today).exact].sort(byNearestDeadline).slice(0, MAX_RESULTS);
}

/** The answer to one query: up to ten programmes in the chat's order, or a message saying why there are none. */
export function searchAnywhere(request: SearchRequest, programmes: readonly Programme[], today: string, places: PlaceIndex): SearchAnswer {
  if (request.commandId !== SEARCH_COMMAND) return { kind: 'message', text: texts.unknownCommand };
  const read = readParameters(request.parameters);
  if ('unknown' in read) return { kind: 'message', text: texts.unknownParameter(read.unknown) };
  const { values } = read;

  const free = values.suche ?? '';
  const given = (Object.keys(SLOT_OF) as (keyof typeof SLOT_OF)[]).filter((name) => (values[name] ?? '') !== '');
  if (free === '' && given.length === 0) return { kind: 'results', hits: nearestDeadlines(programmes, today) };

  // Read as the chat reads answers: the free text first, then each parameter, which wins for its slot (as the tab's fields do).
  let state = newSearchState();
  if (free !== '') {
    const recognition = recognize(free, undefined, places);
    if (recognition.outsideNrw !== null) return { kind: 'message', text: texts.outsideNrw(recognition.outsideNrw) };
    if (!understoodAnything(recognition) && given.length === 0) return { kind: 'message', text: texts.nothingUnderstood };
    state = absorb(state, recognition);
  }
  // A parameter that says nothing the bot knows is named back: Copilot or the user can then say it otherwise.
  for (const name of given) {
    const recognition = recognize(values[name] ?? '', SLOT_OF[name], places);
    if (recognition.outsideNrw !== null) return { kind: 'message', text: texts.outsideNrw(recognition.outsideNrw) };
    if (!understoodAnything(recognition)) return { kind: 'message', text: texts.notUnderstood(name, values[name] ?? '') };
    state = absorb(state, recognition);
  }

  const hits = rankedHits(match(state.profile, programmes, today)).slice(0, MAX_RESULTS);
  return hits.length > 0 ? { kind: 'results', hits } : { kind: 'message', text: texts.nothingFound };
}

/** Scheme, host case, a trailing slash and a fragment do not make another page. */
function pageKey(url: string): string | null {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    parsed.hash = '';
    return `${parsed.host.toLowerCase()}${parsed.pathname.replace(/\/+$/, '')}${parsed.search}`;
  } catch {
    return null;
  }
}

/** The programme whose application or source page a pasted link is, shown as outside a search. */
export function programmeForLink(url: unknown, programmes: readonly Programme[], today: string): Hit | null {
  const key = typeof url === 'string' && url.length <= 2048 ? pageKey(url) : null;
  if (key === null) return null;
  const programme =
    programmes.find((candidate) => pageKey(candidate.applicationUrl) === key) ??
    programmes.find((candidate) => pageKey(candidate.sourceUrl) === key);
  return programme === undefined ? null : hitOf(programme, today);
}
