import { germanDate } from '../domain/dates.js';
import type { ProgrammesAnswer } from './programmesAnswer.js';
import { card } from '../texts/labels.js';
import { exportTexts } from '../texts/export.js';

/**
 * A search's result list to hand on (a council paper, an e-mail to the Kreis): the search, the day,
 * and per programme what a reader needs without the bot. Made from the tab's answer, so it has the
 * same programmes in the same order as the chat and the tab.
 */

export interface ResultRow {
  title: string;
  funder: string;
  funded: string;
  applicants: string;
  route: string;
  amount: string;
  deadline: string;
  sourceUrl: string;
  applicationUrl: string;
  asOf: string;
}

export interface ResultList {
  search: string;
  date: string;
  rows: ResultRow[];
}

export function resultList(answer: ProgrammesAnswer, today: string): ResultList {
  return {
    search: answer.profileText || exportTexts.everything,
    date: germanDate(today),
    rows: answer.results.map((result) => ({
      title: result.title,
      funder: result.funder,
      funded: result.summary,
      applicants: result.applicants.join(', '),
      route: result.route ?? result.viaIntermediary ?? result.withoutApplication ?? '',
      amount: [result.amount, result.amountNote ?? ''].filter((part) => part !== '').join('; '),
      deadline: result.deadline,
      sourceUrl: result.sourceUrl,
      applicationUrl: result.applicationUrl,
      asOf: germanDate(result.lastVerified),
    })),
  };
}

/** The column headings, in the order of a row's fields. */
export const COLUMNS: readonly [keyof ResultRow, string][] = [
  ['title', exportTexts.columns.title],
  ['funder', exportTexts.columns.funder],
  ['funded', exportTexts.columns.funded],
  ['applicants', card.applicants.replace(/:$/, '')],
  ['route', exportTexts.columns.route],
  ['amount', exportTexts.columns.amount],
  ['deadline', exportTexts.columns.deadline],
  ['sourceUrl', exportTexts.columns.source],
  ['applicationUrl', exportTexts.columns.application],
  ['asOf', exportTexts.columns.asOf],
];
