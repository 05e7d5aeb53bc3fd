import { Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { COLUMNS, type ResultList, type ResultRow } from './resultList.js';
import { exportTexts } from '../texts/export.js';

/** The list as a Word document: a heading with the search and the day, then one section per programme. */

const LINK_FIELDS: ReadonlySet<keyof ResultRow> = new Set(['sourceUrl', 'applicationUrl']);

function field(label: string, value: string, link: boolean): Paragraph {
  return new Paragraph({
    spacing: { after: 60 },
    children: [
      new TextRun({ text: `${label}: `, bold: true }),
      link ? new ExternalHyperlink({ link: value, children: [new TextRun({ text: value, style: 'Hyperlink' })] }) : new TextRun(value),
    ],
  });
}

function programmeSection(row: ResultRow, position: number): Paragraph[] {
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_2, spacing: { before: 240 }, text: `${position}. ${row.title}` }),
    ...COLUMNS.filter(([name]) => name !== 'title' && row[name] !== '').map(([name, label]) =>
      field(label, row[name], LINK_FIELDS.has(name)),
    ),
  ];
}

export async function resultListDocx(list: ResultList): Promise<Buffer> {
  const document = new Document({
    creator: 'Förderlotse NRW',
    title: exportTexts.heading,
    description: exportTexts.searchLine(list.search),
    sections: [
      {
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, text: exportTexts.heading }),
          new Paragraph({ children: [new TextRun({ text: exportTexts.searchLine(list.search), bold: true })] }),
          new Paragraph(exportTexts.dateLine(list.date)),
          new Paragraph({ spacing: { after: 120 }, children: [new TextRun({ text: exportTexts.note, italics: true })] }),
          ...(list.rows.length === 0
            ? [new Paragraph(exportTexts.none)]
            : [new Paragraph(exportTexts.count(list.rows.length)), ...list.rows.flatMap((row, index) => programmeSection(row, index + 1))]),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
