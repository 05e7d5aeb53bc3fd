import type restify from 'restify';
import { type PlaceIndex, municipalityOf } from '../domain/places.js';
import type { Programme } from '../domain/programme.js';
import type { Logger } from '../common/logger.js';
import { webTexts } from '../texts/tab.js';
import type { TurnGate } from './turnGate.js';
import { loadAssets } from './assets.js';
import { legalPage, tabPage } from './pages.js';
import { answerProgrammes } from './programmesAnswer.js';
import { MAX_LIMIT, type ProgrammesQuery, parseProgrammesQuery, queryProblemText } from './programmesQuery.js';
import { EXPORT_FORMATS, EXPORT_PATH, type ExportFormat, type ExportLinks } from './exportLinks.js';
import { resultList } from './resultList.js';
import { resultListCsv } from './resultListCsv.js';
import { exportTexts } from '../texts/export.js';
import { HTML, readOnly, reply, replyJson, serveAsset } from './replies.js';
import { pageHeaders } from './security.js';

/** The Word writer (the docx package) loads with the first Word file asked for, not with every start. */
let wordWriterModule: Promise<typeof import('./resultListDocx.js')> | undefined;
const wordWriter = () => (wordWriterModule ??= import('./resultListDocx.js'));

/** What the tab and its API need from the app. */
export interface WebDependencies {
  programmes: () => readonly Programme[];
  /** Today's date (YYYY-MM-DD) in the users' time zone. */
  today: () => string;
  logger: Logger;
  /** The NRW municipalities: the tab's suggestions and the API's `municipality`. */
  places: PlaceIndex;
  /** Signs and checks the chat's download links of result lists. */
  exportLinks: ExportLinks;
  /** The server's admission: a file being built counts like a turn, so a shutdown waits for it. */
  gate: Pick<TurnGate, 'enter' | 'leave' | 'isDraining'>;
}

/** Files built at once: a Word file costs tens of milliseconds of the thread every turn needs. */
const MAX_FILES_AT_ONCE = 4;

const CONTENT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
};
const TEXT = 'text/plain; charset=utf-8';

/** The programme tab (`/tab` and its files), the legal pages, `GET /api/programmes` and the result lists as files. */
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

  /** The result list of a search as a file: up to 100 programmes, in the order the tab and the chat show. */
  let filesBuilding = 0;
  const sendList = async (request: restify.Request, response: restify.Response, query: ProgrammesQuery, format: ExportFormat) => {
    const today = deps.today();
    const headers = {
      ...pageHeaders(),
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${exportTexts.fileName(today, format)}"`,
      'Cache-Control': 'no-store',
    };
    // HEAD says what a GET would bring without building it.
    if (request.method === 'HEAD') {
      response.writeHead(200, headers);
      response.end();
      return;
    }
    const admission = filesBuilding >= MAX_FILES_AT_ONCE ? 'busy' : deps.gate.enter();
    if (admission !== 'admitted') {
      const draining = admission === 'draining';
      reply(
        response,
        503,
        {
          ...pageHeaders(),
          'Content-Type': TEXT,
          'Retry-After': draining ? '5' : '1',
          ...(draining ? { Connection: 'close' } : {}),
        },
        exportTexts.busy,
      );
      return;
    }
    filesBuilding += 1;
    try {
      const answer = answerProgrammes({ ...query, limit: MAX_LIMIT, offset: 0 }, deps.programmes(), today, deps.places);
      const list = resultList(answer, today);
      reply(response, 200, headers, format === 'csv' ? resultListCsv(list) : await (await wordWriter()).resultListDocx(list));
    } finally {
      filesBuilding -= 1;
      deps.gate.leave();
    }
  };

  // The tab's buttons: the same query as GET /api/programmes.
  for (const format of EXPORT_FORMATS) {
    readOnly(server, `/api/export.${format}`, async (request, response) => {
      const parsed = parseProgrammesQuery(new URL(request.url ?? '/', 'http://localhost').searchParams);
      const unknown = parsed.ok && parsed.query.municipality !== undefined && !deps.places.byAgs.has(parsed.query.municipality);
      if (!parsed.ok || unknown) {
        const problem = parsed.ok ? { kind: 'unknownMunicipality' as const, value: parsed.query.municipality ?? '' } : parsed.problem;
        replyJson(response, 400, { error: 'invalid_query', message: queryProblemText(problem) });
        return;
      }
      try {
        await sendList(request, response, parsed.query, format);
      } catch (error) {
        deps.logger.error({ err: error }, 'export failed');
        replyJson(response, 500, { error: 'internal_error', message: webTexts.api.internalError });
      }
    });
  }

  // The chat's links: the search is in the signed link itself (`?t=`); nothing is stored, nothing can be listed.
  for (const format of EXPORT_FORMATS) {
    readOnly(server, `${EXPORT_PATH}.${format}`, async (request, response) => {
      const token = new URL(request.url ?? '/', 'http://localhost').searchParams.get('t') ?? '';
      const verified = deps.exportLinks.verify(token);
      const parsed = verified.ok ? parseProgrammesQuery(verified.search) : undefined;
      if (parsed === undefined || !parsed.ok) {
        reply(response, 403, { ...pageHeaders(), 'Content-Type': TEXT, 'Cache-Control': 'no-store' }, exportTexts.linkInvalid);
        return;
      }
      try {
        await sendList(request, response, parsed.query, format);
      } catch (error) {
        deps.logger.error({ err: error }, 'export failed');
        reply(response, 500, { ...pageHeaders(), 'Content-Type': TEXT }, webTexts.api.internalError);
      }
    });
  }

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
