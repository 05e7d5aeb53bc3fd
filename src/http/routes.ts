import type restify from 'restify';
import { type PlaceIndex, municipalityOf } from '../domain/places.js';
import type { Programme } from '../domain/programme.js';
import type { Logger } from '../common/logger.js';
import { webTexts } from '../texts/tab.js';
import { loadAssets } from './assets.js';
import { legalPage, tabPage } from './pages.js';
import { answerProgrammes } from './programmesAnswer.js';
import { parseProgrammesQuery, queryProblemText } from './programmesQuery.js';
import { HTML, readOnly, reply, replyJson, serveAsset } from './replies.js';
import { pageHeaders } from './security.js';

/** What the tab and its API need from the app. */
export interface WebDependencies {
  programmes: () => readonly Programme[];
  /** Today's date (YYYY-MM-DD) in the users' time zone. */
  today: () => string;
  logger: Logger;
  /** The NRW municipalities: the tab's suggestions and the API's `municipality`. */
  places: PlaceIndex;
}

/** The programme tab (`/tab` and its files), the legal pages and `GET /api/programmes`. */
export function registerWebRoutes(server: restify.Server, deps: WebDependencies): void {
  const pages = new Map([
    ['/tab', tabPage([...deps.places.byAgs.values()].map((place) => ({ ...municipalityOf(place, deps.places), aliases: place.aliases })))],
    ['/datenschutz', legalPage(webTexts.legal.privacy)],
    ['/nutzungsbedingungen', legalPage(webTexts.legal.terms)],
  ]);
  for (const [path, markup] of pages) {
    readOnly(server, path, async (_request, response) => {
      reply(response, 200, { ...pageHeaders(), 'Content-Type': HTML, 'Cache-Control': 'no-cache' }, markup);
    });
  }

  for (const [name, asset] of loadAssets()) serveAsset(server, `/tab/${name}`, () => asset);

  readOnly(server, '/api/programmes', async (request, response) => {
    const started = performance.now();
    const parsed = parseProgrammesQuery(new URL(request.url ?? '/', 'http://localhost').searchParams);
    if (!parsed.ok) {
      replyJson(response, 400, { error: 'invalid_query', message: queryProblemText(parsed.problem) });
      return;
    }
    try {
      const { municipality } = parsed.query;
      if (municipality !== undefined && !deps.places.byAgs.has(municipality)) {
        replyJson(response, 400, {
          error: 'invalid_query',
          message: queryProblemText({ kind: 'unknownMunicipality', value: municipality }),
        });
        return;
      }
      const answer = answerProgrammes(parsed.query, deps.programmes(), deps.today(), deps.places);
      // The search text is the user's own words: it stays out of the log.
      deps.logger.debug(
        { mode: answer.mode, total: answer.total, latencyMs: Math.round(performance.now() - started) },
        'programmes answered',
      );
      replyJson(response, 200, answer);
    } catch (error) {
      deps.logger.error({ err: error }, 'programmes request failed');
      replyJson(response, 500, { error: 'internal_error', message: webTexts.api.internalError });
    }
  });
}
