import { levelOn } from '../../shared/domain/episodes';
import type { AssessmentRow } from '../../shared/import/rows';
import type { Assessment } from '../../shared/rules/assessment';
import { evaluateAssessment } from '../../shared/rules/evaluate';
import { currentAssessmentsByCaseAndDate, episodesByCase } from '../repositories/importRepository';
import { mrnKey, type CheckerInput, type RowChecker } from './planImport';

type Answers = Pick<Assessment, 'severity' | 'dimensions' | 'criteria' | 'weeklyTreatmentHours'>;

/** The assessment's answers, without its id or the level read from the episodes, to tell a repeat from a change. */
function answersKey(answers: Answers): string {
  const sortKeys = (value: object | undefined) => (value ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b))) : {});
  return JSON.stringify([answers.severity ?? null, sortKeys(answers.dimensions), sortKeys(answers.criteria), answers.weeklyTreatmentHours ?? null]);
}

/** An amendment from a file takes the stored answers and changes only what the file fills: an empty cell never erases one. */
function mergeAnswers(stored: Answers | undefined, row: AssessmentRow): Answers {
  const dimensions = { ...stored?.dimensions, ...row.dimensions };
  const criteria = { ...stored?.criteria, ...row.criteria };
  const severity = row.severity ?? stored?.severity;
  const hours = row.weeklyTreatmentHours ?? stored?.weeklyTreatmentHours;
  return {
    ...(severity ? { severity } : {}),
    ...(Object.keys(dimensions).length > 0 ? { dimensions } : {}),
    ...(Object.keys(criteria).length > 0 ? { criteria } : {}),
    ...(hours !== undefined ? { weeklyTreatmentHours: hours } : {}),
  };
}

/**
 * Rows are gathered first: a Stepwise export lists every version of an amended assessment, and only the version no
 * other row amends is imported. Then each case and day may have one assessment in the file.
 */
export async function assessmentChecker({ ctx, plan, options, cases, problem }: CheckerInput): Promise<RowChecker> {
  const stored = await currentAssessmentsByCaseAndDate(ctx.db);
  const episodes = await episodesByCase(ctx.db);
  const actorId = ctx.actor?.id ?? null;
  const now = ctx.clock.now().toISOString();
  const rows: { rowNumber: number; row: AssessmentRow }[] = [];
  return {
    row(rowNumber, value) {
      rows.push({ rowNumber, row: value as AssessmentRow });
    },
    finish() {
      const amended = new Set(rows.map(({ row }) => row.amendsAssessmentId).filter((id): id is string => id !== null));
      const seen = new Map<string, number>();
      for (const { rowNumber, row } of rows) {
        if (row.assessmentId !== null && amended.has(row.assessmentId)) {
          // An earlier version, amended by a later row of the same file: history, not a second assessment.
          plan.unchanged += 1;
          continue;
        }
        const found = cases.get(mrnKey(row.mrn));
        if (!found) {
          problem(rowNumber, 'mrn', row.mrn, `No case has the MRN ${row.mrn}. Import the cases first, or check the MRN.`);
          continue;
        }
        const key = `${found.id}|${row.assessedOn}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          problem(
            rowNumber,
            'assessed_on',
            row.assessedOn,
            `Row ${earlier} already holds an assessment of ${row.mrn} on ${row.assessedOn}; one per case and day.`,
          );
          continue;
        }
        seen.set(key, rowNumber);
        if (row.assessedOn < found.dateOfBirth) {
          problem(rowNumber, 'assessed_on', row.assessedOn, 'The assessment date is before the date of birth.');
          continue;
        }
        const sameDay = (stored.get(key) ?? []).map((version) => ({ id: version.id, answers: JSON.parse(version.payload) as Assessment }));
        const latest = sameDay.at(-1);
        const answers = mergeAnswers(latest?.answers, row);
        if (sameDay.some((version) => answersKey(version.answers) === answersKey(answers))) {
          plan.unchanged += 1;
          continue;
        }
        if (latest) {
          plan.existing += 1;
          if (options.existing === 'skip') plan.skipped += 1;
          if (options.existing !== 'update') continue;
        }
        const id = ctx.newId();
        const assessment: Assessment = {
          id,
          assessedOn: row.assessedOn,
          currentLevel: levelOn(episodes.get(found.id) ?? [], row.assessedOn) ?? 'none',
          ...answers,
        };
        plan.newAssessments.push({
          id,
          caseId: found.id,
          assessment,
          recommendation: evaluateAssessment(assessment),
          createdAt: now,
          assessorId: actorId,
          note: row.note,
          amendsId: latest?.id ?? null,
        });
        plan.touchedCaseIds.add(found.id);
      }
    },
  };
}
