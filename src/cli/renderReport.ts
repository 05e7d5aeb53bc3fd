import type { DemandReport, DemandRow, FeedbackComment, WatchedProgramme } from '../domain/demandReport.js';
import {
  NEED_LABELS,
  type NeedId,
  SIZE_CLASS_LABELS,
  type SizeClassId,
  TARGET_GROUP_LABELS,
  type TargetGroupId,
} from '../domain/taxonomy.js';
import { reportTexts as t } from '../texts/cli.js';
import { escapeMarkdown } from '../texts/format.js';

/** The demand report as Markdown for reading or as one CSV table for spreadsheets, in German. */
const needLabel = (id: NeedId | null) => (id === null ? t.notGiven : NEED_LABELS[id]);
const targetGroupLabel = (id: TargetGroupId | null) => (id === null ? t.notGiven : TARGET_GROUP_LABELS[id]);
const sizeLabel = (id: SizeClassId | null) => (id === null ? t.notGiven : SIZE_CLASS_LABELS[id]);
const listLabel = <T extends string>(ids: readonly T[], label: (id: T) => string) =>
  ids.length === 0 ? t.notGiven : ids.map(label).join(', ');
const programmeLabel = (programme: WatchedProgramme) => programme.title ?? t.unknownProgramme(programme.programmeId);
const yesNo = (value: boolean) => (value ? t.yes : t.no);

function profileLabel(comment: FeedbackComment): string {
  const parts = [
    comment.needs.map((id) => NEED_LABELS[id]).join(', '),
    comment.targetGroups.map((id) => TARGET_GROUP_LABELS[id]).join(', '),
    comment.sizeClass === null ? '' : SIZE_CLASS_LABELS[comment.sizeClass],
  ].filter((part) => part !== '');
  return parts.length === 0 ? t.notGiven : parts.join(' · ');
}

// Free text (comments, titles) must neither break the table nor turn into markup.
const markdownCell = (text: string) => escapeMarkdown(text.replace(/\r\n|\r|\n/g, ' '));

function markdownTable(header: readonly string[], numeric: readonly boolean[], rows: readonly (readonly string[])[]): string[] {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line(header.map(markdownCell)),
    line(numeric.map((right) => (right ? '---:' : '---'))),
    ...rows.map((row) => line(row.map(markdownCell))),
  ];
}

function renderMarkdown(report: DemandReport): string {
  const c = t.columns;
  const lines: string[] = [
    `# ${t.title}`,
    '',
    t.period(report.period.from, report.period.to),
    '',
    t.totals(report.searches, report.unmetSearches),
    '',
  ];
  const section = (heading: string, body: string[]) => lines.push(`## ${heading}`, '', ...body, '');

  section(
    t.headings.demand,
    report.demand.length === 0
      ? [t.empty.demand]
      : [
          t.notes.demand,
          '',
          ...markdownTable(
            [c.need, c.targetGroup, c.sizeClass, c.searches, c.unmet],
            [false, false, false, true, true],
            report.demand.map((row) => [
              needLabel(row.need),
              targetGroupLabel(row.targetGroup),
              sizeLabel(row.sizeClass),
              t.number(row.searches),
              t.number(row.unmet),
            ]),
          ),
        ],
  );
  section(
    t.headings.unmet,
    report.unmet.length === 0
      ? [t.empty.unmet]
      : [
          t.notes.unmet,
          '',
          ...markdownTable(
            [c.need, c.targetGroup, c.sizeClass, c.unmetFirst, c.searchesAll],
            [false, false, false, true, true],
            report.unmet.map((row) => [
              needLabel(row.need),
              targetGroupLabel(row.targetGroup),
              sizeLabel(row.sizeClass),
              t.number(row.unmet),
              t.number(row.searches),
            ]),
          ),
        ],
  );
  section(
    t.headings.watched,
    report.watched.length === 0
      ? [t.empty.watched]
      : markdownTable(
          [c.programme, c.programmeId, c.watched],
          [false, false, true],
          report.watched.map((programme) => [programmeLabel(programme), programme.programmeId, t.number(programme.count)]),
        ),
  );

  const { feedback } = report;
  section(
    t.headings.feedback,
    feedback.helpfulShare === null
      ? [t.empty.feedback]
      : [
          t.feedbackSummary(feedback.helpful, feedback.notHelpful, t.percent(feedback.helpfulShare)),
          '',
          ...(feedback.comments.length === 0
            ? [t.empty.comments]
            : markdownTable(
                [c.date, c.helpful, c.profile, c.comment],
                [false, false, false, false],
                feedback.comments.map((comment) => [t.date(comment.date), yesNo(comment.helpful), profileLabel(comment), comment.comment]),
              )),
        ],
  );
  return `${lines.join('\n').trimEnd()}\n`;
}

type CsvColumn = (typeof t.csv.header)[number];

// A leading = + - @ makes spreadsheets run the cell as a formula; the apostrophe keeps it text (OWASP "CSV injection").
const defused = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const csvField = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

function renderCsv(report: DemandReport): string {
  const s = t.csv.sections;
  const rows: Partial<Record<CsvColumn, string | number>>[] = [
    { abschnitt: s.from, datum: report.period.from },
    { abschnitt: s.to, datum: report.period.to },
    { abschnitt: s.totals, suchen: report.searches, ohne_offenes_programm: report.unmetSearches },
  ];
  const demandRow = (section: string) => (row: DemandRow) => ({
    abschnitt: section,
    handlungsfeld: needLabel(row.need),
    zielgruppe: targetGroupLabel(row.targetGroup),
    groesse: sizeLabel(row.sizeClass),
    suchen: row.searches,
    ohne_offenes_programm: row.unmet,
  });
  rows.push(...report.demand.map(demandRow(s.demand)), ...report.unmet.map(demandRow(s.unmet)));
  rows.push(
    ...report.watched.map((programme) => ({
      abschnitt: s.watched,
      programm_id: programme.programmeId,
      programm: programmeLabel(programme),
      anzahl: programme.count,
    })),
  );
  rows.push(
    { abschnitt: s.feedback, hilfreich: t.yes, anzahl: report.feedback.helpful },
    { abschnitt: s.feedback, hilfreich: t.no, anzahl: report.feedback.notHelpful },
  );
  rows.push(
    ...report.feedback.comments.map((comment) => ({
      abschnitt: s.comment,
      handlungsfeld: listLabel(comment.needs, (id) => NEED_LABELS[id]),
      zielgruppe: listLabel(comment.targetGroups, (id) => TARGET_GROUP_LABELS[id]),
      groesse: sizeLabel(comment.sizeClass),
      datum: comment.date,
      hilfreich: yesNo(comment.helpful),
      kommentar: comment.comment,
    })),
  );
  const line = (cells: readonly string[]) => cells.map(csvField).join(';');
  const cell = (value: string | number | undefined) =>
    value === undefined ? '' : typeof value === 'number' ? String(value) : defused(value);
  const body = rows.map((row) => line(t.csv.header.map((column) => cell(row[column]))));
  return `${[line(t.csv.header), ...body].join('\r\n')}\r\n`;
}

/** The report as Markdown (headings and tables) or as one semicolon-separated table for spreadsheets. */
export function renderReport(report: DemandReport, format: 'md' | 'csv'): string {
  return format === 'md' ? renderMarkdown(report) : renderCsv(report);
}
