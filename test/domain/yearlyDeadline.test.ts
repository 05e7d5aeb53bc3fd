import { describe, expect, it } from 'vitest';
import { nextYearly } from '../../src/domain/dates.js';
import { emptyFollowUps, planNotifications, watch } from '../../src/domain/followUps.js';
import { hitOf, match, rankAmong } from '../../src/domain/matcher.js';
import { DeadlineSchema, dueDate } from '../../src/domain/programme.js';
import { CSV_COLUMNS, readProgrammeCsv } from '../../src/domain/programmeCsv.js';
import { deadlineText } from '../../src/texts/labels.js';
import { programme } from '../support/programmeBuilder.js';

/** "Applications every year by 30 November": the Integrationsagenturen, the Servicestellen Antidiskriminierung. */
const yearly = { kind: 'jaehrlich', day: 30, month: 11 } as const;
const agency = programme({ id: 'agentur', deadline: yearly });

describe('a yearly deadline', () => {
  it('falls on the next date on or after today, this year or the next', () => {
    expect(nextYearly(11, 30, '2026-11-29')).toBe('2026-11-30');
    expect(nextYearly(11, 30, '2026-11-30')).toBe('2026-11-30');
    expect(nextYearly(11, 30, '2026-12-01')).toBe('2027-11-30');
    expect(nextYearly(1, 15, '2026-12-31')).toBe('2027-01-15');
    expect(dueDate(yearly, '2026-12-03')).toBe('2027-11-30');
    expect(dueDate({ kind: 'laufend' }, '2026-12-03')).toBeNull();
  });

  it('must fall in every year', () => {
    expect(DeadlineSchema.safeParse({ kind: 'jaehrlich', day: 31, month: 4 }).success).toBe(false);
    expect(DeadlineSchema.safeParse({ kind: 'jaehrlich', day: 29, month: 2 }).success).toBe(false);
    expect(DeadlineSchema.safeParse({ kind: 'jaehrlich', day: 28, month: 2 }).success).toBe(true);
    expect(DeadlineSchema.safeParse({ kind: 'jaehrlich', day: 30, month: 11, date: '2026-11-30' }).success).toBe(false);
  });

  it('never shows the programme as ended: the day after, the next year counts', () => {
    for (const today of ['2026-11-30', '2026-12-01', '2027-06-01']) {
      const result = match({ needs: [], targetGroups: [], size: null }, [agency], today);
      expect([...result.exact].map((hit) => hit.status)).toEqual(['open']);
      expect([...result.ended]).toEqual([]);
      expect(rankAmong({ needs: [], targetGroups: [], size: null }, [agency], today).ended.length).toBe(0);
    }
    expect(hitOf(agency, '2026-12-01').daysLeft).toBe(364);
    expect(hitOf(agency, '2026-11-30').daysLeft).toBe(0);
  });

  it('counts as near within the weeks before it, like a stichtag', () => {
    const reasons = [...match({ needs: [], targetGroups: [], size: null }, [agency], '2026-11-10').exact][0]?.reasons;
    expect(reasons).toContainEqual({ kind: 'deadlineSoon', days: 20 });
  });

  it('reads as the day and month and the days left', () => {
    expect(deadlineText(yearly, 362)).toBe('jährlich bis 30.11. – noch 362 Tage');
    expect(deadlineText({ kind: 'jaehrlich', day: 5, month: 3 }, 0)).toBe('jährlich bis 05.03. – endet heute');
  });

  it('reminds before it in every year', () => {
    const { record } = watch(emptyFollowUps(), agency, '2026-10-01', [14, 3]);
    const dueIn = (today: string) =>
      planNotifications(record, [agency], today, [14, 3]).flatMap((due) => (due.kind === 'deadline' ? [[due.daysLeft, due.key]] : []));
    expect(dueIn('2026-11-16')).toEqual([[14, expect.stringContaining('2026-11-30')]]);
    expect(dueIn('2027-11-16')).toEqual([[14, expect.stringContaining('2027-11-30')]]);
  });

  it('comes from the CSV import as day and month', () => {
    const header = CSV_COLUMNS.join(';');
    const row = (deadlineDate: string) =>
      `agentur;Agentur;Beratung;Land;land;beratung;;freier_traeger;über Träger;;zuschuss;;;;jaehrlich;${deadlineDate};https://a.example;https://b.example;;;2026-11-26;;;;`;
    const read = readProgrammeCsv(`${header}\n${row('30.11.')}\n`);
    expect(read.ok ? read.rows[0]?.programme.deadline : read.problems).toEqual(yearly);
    const wrong = readProgrammeCsv(`${header}\n${row('November')}\n`);
    expect(wrong.ok ? [] : wrong.problems.map((problem) => problem.kind)).toContain('notADayOfYear');
  });
});
