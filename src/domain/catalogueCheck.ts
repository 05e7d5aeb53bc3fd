import { daysBetween } from './dates.js';
import { type Applicant, type Programme, ProgrammeFileSchema, ProgrammeSchema, validateProgrammes } from './programme.js';
import { match } from './matcher.js';
import { type MunicipalityKind, NEEDS, type NeedId, type SizeClassId, TARGET_GROUPS, type TargetGroupId } from './taxonomy.js';

/** Editorial checks of the programme catalogue beyond its schema, for `npm run cli -- data:check`. */

/** Entries checked longer ago than this are due for another look at their source. */
export const STALE_AFTER_DAYS = 180;
/** Fewer usable programmes than this for a need leaves users of the bot with too little choice. */
export const MIN_USABLE_PER_NEED = 3;

const MUNICIPAL_APPLICANTS: readonly Applicant[] = ['gemeinde', 'kreis', 'kreisfreie_stadt'];

interface Located {
  /** The entry's id (or "Eintrag N" when the schema could not read it); null for the catalogue as a whole. */
  entry: string | null;
  field: string | null;
}

/** One thing an editor should look at; the words for each kind are in texts/cli.ts. */
export type Finding = Located &
  (
    | { severity: 'error'; kind: 'invalid'; message: string }
    | { severity: 'error'; kind: 'verifiedInFuture'; lastVerified: string }
    | { severity: 'error'; kind: 'duplicateEntry'; of: string }
    | { severity: 'warning'; kind: 'stale'; lastVerified: string; days: number }
    | { severity: 'warning'; kind: 'deadlinePassed'; date: string }
    | { severity: 'warning'; kind: 'duplicateTitle'; of: string }
    | { severity: 'warning'; kind: 'sharedApplicationUrl'; of: string }
    | { severity: 'warning'; kind: 'sharedSourceUrl'; of: string }
    | { severity: 'warning'; kind: 'successorEnded'; successor: string }
    | { severity: 'warning'; kind: 'thinNeed'; need: NeedId; count: number }
    | { severity: 'warning'; kind: 'ownOfficeWithoutRoute' }
  );
export type FindingKind = Finding['kind'];

export interface CatalogueSummary {
  /** Entries that passed the schema. */
  programmes: number;
  /** Programmes a municipality can use today, in total and per need. */
  usable: number;
  usablePerNeed: Record<NeedId, number>;
  /** Need × kind of municipality: the target groups for which it can apply itself for nothing open. */
  gaps: CoverageGap[];
}

export interface CoverageGap {
  need: NeedId;
  kind: MunicipalityKind;
  targetGroups: TargetGroupId[];
}

/** The kinds of municipality a gap is looked for: a small Gemeinde of a Kreis, a kreisfreie Stadt, a Kreis. */
const ASKERS: readonly { kind: MunicipalityKind; size: SizeClassId }[] = [
  { kind: 'kreisangehoerig', size: 'klein' },
  { kind: 'kreisfrei', size: 'grossstadt' },
  { kind: 'kreis', size: 'kreis' },
];

export interface CatalogueCheck {
  findings: Finding[];
  summary: CatalogueSummary;
}

/** A deadline that no longer lets anyone apply: beendet, or a stichtag before today. */
export const hasEnded = (programme: Programme, today: string): boolean =>
  programme.deadline.kind === 'beendet' || (programme.deadline.kind === 'stichtag' && programme.deadline.date < today);

/** A municipality can apply itself or through a named intermediary, there is an application, and the programme has not ended. */
export const isUsable = (programme: Programme, today: string): boolean =>
  (programme.applicants.some((applicant) => MUNICIPAL_APPLICANTS.includes(applicant)) || programme.viaIntermediary !== undefined) &&
  programme.withoutApplication === undefined &&
  !hasEnded(programme, today);

/**
 * Where the catalogue leaves a municipality with nothing to apply for itself: per need and kind of
 * municipality, the target groups whose best open match goes through others or does not exist.
 */
function coverageGaps(programmes: readonly Programme[], today: string): CoverageGap[] {
  return NEEDS.flatMap((need) =>
    ASKERS.flatMap(({ kind, size }) => {
      const targetGroups = TARGET_GROUPS.map((group) => group.id).filter((group) => {
        const profile = { needs: [need.id], targetGroups: [group], size: { class: size }, kind };
        return match(profile, programmes, today).exact.slice(0, 1)[0]?.access !== 'direct';
      });
      return targetGroups.length === 0 ? [] : [{ need: need.id, kind, targetGroups }];
    }),
  );
}

export const hasErrors = (findings: readonly Finding[]): boolean => findings.some((finding) => finding.severity === 'error');

/** 0 when the catalogue may be used as it is (warnings allowed), 1 when something must be fixed. */
export const exitCodeFor = (findings: readonly Finding[]): 0 | 1 => (hasErrors(findings) ? 1 : 0);

const titleKey = (title: string) => title.normalize('NFC').toLocaleLowerCase('de-DE').replace(/\s+/g, ' ').trim();

// Case of the host, a fragment and a trailing slash do not make a different page.
function urlKey(url: string): string {
  try {
    const parsed = new URL(url.trim());
    parsed.hash = '';
    return parsed.href.replace(/\/+$/, '');
  } catch {
    return url.trim();
  }
}

/**
 * Everything wrong or worth a look in the parsed programme file, as of `today` (JJJJ-MM-TT): the
 * store's own problems (schema, duplicate ids, unknown successors) as errors, then the editorial
 * checks on every entry the schema accepted.
 */
export function checkCatalogue(data: unknown, file: string, today: string): CatalogueCheck {
  const stored = validateProgrammes(data, file);
  const findings: Finding[] = stored.ok
    ? []
    : stored.problems.map((problem) => ({
        severity: 'error',
        kind: 'invalid',
        entry: problem.entry,
        field: problem.field,
        message: problem.message,
      }));
  const programmes = stored.ok ? stored.programmes : readableEntries(data);

  findings.push(...programmes.flatMap((programme) => entryFindings(programme, today)));
  findings.push(...duplicateFindings(programmes));
  findings.push(...successorFindings(programmes));

  const usable = programmes.filter((programme) => isUsable(programme, today));
  const usablePerNeed = Object.fromEntries(
    NEEDS.map((need) => [need.id, usable.filter((programme) => programme.needs.includes(need.id)).length]),
  ) as Record<NeedId, number>;
  for (const need of NEEDS) {
    const count = usablePerNeed[need.id];
    if (count < MIN_USABLE_PER_NEED)
      findings.push({ severity: 'warning', kind: 'thinNeed', entry: null, field: 'needs', need: need.id, count });
  }

  return {
    findings,
    summary: { programmes: programmes.length, usable: usable.length, usablePerNeed, gaps: coverageGaps(programmes, today) },
  };
}

/** The entries the schema accepts when the file as a whole does not pass; a repeated id counts once. */
function readableEntries(data: unknown): Programme[] {
  const top = ProgrammeFileSchema.safeParse(data);
  if (!top.success) return [];
  const seen = new Set<string>();
  return top.data.programmes.flatMap((raw) => {
    const parsed = ProgrammeSchema.safeParse(raw);
    if (!parsed.success || seen.has(parsed.data.id)) return [];
    seen.add(parsed.data.id);
    return [parsed.data];
  });
}

function entryFindings(programme: Programme, today: string): Finding[] {
  const findings: Finding[] = [];
  const entry = programme.id;
  const age = daysBetween(programme.lastVerified, today);
  if (age < 0)
    findings.push({ severity: 'error', kind: 'verifiedInFuture', entry, field: 'lastVerified', lastVerified: programme.lastVerified });
  else if (age > STALE_AFTER_DAYS)
    findings.push({ severity: 'warning', kind: 'stale', entry, field: 'lastVerified', lastVerified: programme.lastVerified, days: age });
  // An office of its own matters only where a Gemeinde applies and its Kreis is the other route.
  if (programme.onlyWithOwn !== undefined && !(programme.applicants.includes('gemeinde') && programme.applicants.includes('kreis')))
    findings.push({ severity: 'warning', kind: 'ownOfficeWithoutRoute', entry, field: 'onlyWithOwn' });
  if (programme.deadline.kind === 'stichtag' && programme.deadline.date < today) {
    findings.push({ severity: 'warning', kind: 'deadlinePassed', entry, field: 'deadline', date: programme.deadline.date });
  }
  return findings;
}

/**
 * Same title and same application address is one programme entered twice: an error. A shared title
 * alone, or a shared address alone, can be right (a funder's portal or overview page serves several
 * programmes), so those are warnings. Each entry is compared with the first earlier one it matches.
 */
function duplicateFindings(programmes: readonly Programme[]): Finding[] {
  const findings: Finding[] = [];
  const firstWith = (key: (programme: Programme) => string) => {
    const first = new Map<string, string>();
    return (programme: Programme): string | undefined => {
      const value = key(programme);
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, programme.id);
      return earlier;
    };
  };
  const sameEntry = firstWith((programme) => `${titleKey(programme.title)}\n${urlKey(programme.applicationUrl)}`);
  const sameTitle = firstWith((programme) => titleKey(programme.title));
  const sameApplication = firstWith((programme) => urlKey(programme.applicationUrl));
  const sameSource = firstWith((programme) => urlKey(programme.sourceUrl));

  for (const programme of programmes) {
    const entry = programme.id;
    // Every lookup runs, so that each map learns this entry even when an earlier finding wins.
    const [twin, title, application, source] = [
      sameEntry(programme),
      sameTitle(programme),
      sameApplication(programme),
      sameSource(programme),
    ];
    if (twin !== undefined) {
      findings.push({ severity: 'error', kind: 'duplicateEntry', entry, field: 'title', of: twin });
      continue;
    }
    if (title !== undefined) findings.push({ severity: 'warning', kind: 'duplicateTitle', entry, field: 'title', of: title });
    if (application !== undefined)
      findings.push({ severity: 'warning', kind: 'sharedApplicationUrl', entry, field: 'applicationUrl', of: application });
    if (source !== undefined) findings.push({ severity: 'warning', kind: 'sharedSourceUrl', entry, field: 'sourceUrl', of: source });
  }
  return findings;
}

function successorFindings(programmes: readonly Programme[]): Finding[] {
  const byId = new Map(programmes.map((programme) => [programme.id, programme]));
  return programmes.flatMap((programme): Finding[] => {
    const successor = programme.successor === undefined ? undefined : byId.get(programme.successor);
    return successor?.deadline.kind === 'beendet'
      ? [{ severity: 'warning', kind: 'successorEnded', entry: programme.id, field: 'successor', successor: successor.id }]
      : [];
  });
}
