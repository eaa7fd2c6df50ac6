import { useState } from 'react';
import { correctEpisodeInputSchema } from '../../../../shared/contract/care';
import type { CaseDetail, EpisodeRecord } from '../../../../shared/contract/caseDetail';
import { call } from '../../api/client';
import { Dialog } from '../../components/Dialog';
import { Field, FormAlert } from '../../components/Field';
import { capitalize, levelName } from '../describe';
import { episodeDates } from './careText';
import { fieldProblem, useFormErrors } from './useFormErrors';

const FIELDS = ['startDate', 'endDate', 'reason'] as const;

interface Props {
  readonly caseId: string;
  readonly fullName: string;
  readonly episode: EpisodeRecord;
  readonly episodes: readonly EpisodeRecord[];
  readonly onClose: () => void;
  readonly onCorrected: (detail: CaseDetail) => Promise<void>;
}

/** The episodes that touch this one, whose boundary moves with a corrected date (the main process decides the same way). */
function neighbours(episode: EpisodeRecord, episodes: readonly EpisodeRecord[]) {
  const others = episodes.filter((other) => other.id !== episode.id);
  const endingAtStart = others.filter((other) => other.endDate === episode.startDate);
  const startingAtEnd = episode.endDate === null ? [] : others.filter((other) => other.startDate === episode.endDate);
  return {
    before: endingAtStart.find((other) => other.id === episode.followsId) ?? (endingAtStart.length === 1 ? endingAtStart[0] : undefined),
    after: startingAtEnd.find((other) => other.followsId === episode.id) ?? (startingAtEnd.length === 1 ? startingAtEnd[0] : undefined),
  };
}

/** Fixes a wrong episode date with a reason; the touching neighbour moves with it so no gap or overlap appears. */
export function CorrectEpisodeDialog({ caseId, fullName, episode, episodes, onClose, onCorrected }: Props) {
  const [startDate, setStartDate] = useState(episode.startDate);
  const [endDate, setEndDate] = useState(episode.endDate ?? '');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const errors = useFormErrors('correct-episode', FIELDS);
  const { before, after } = neighbours(episode, episodes);
  const level = levelName(episode.level);

  const save = async () => {
    const startChanged = startDate !== episode.startDate;
    const endChanged = episode.endDate !== null && endDate !== episode.endDate;
    if (!startChanged && !endChanged) return errors.show(fieldProblem('startDate', 'Change the start or end date to correct it.'));
    const parsed = correctEpisodeInputSchema.safeParse({
      caseId,
      episodeId: episode.id,
      startDate: startChanged ? startDate : undefined,
      endDate: endChanged ? endDate : undefined,
      reason,
    });
    if (!parsed.success) return errors.showInvalid(parsed.error);
    setBusy(true);
    const result = await call('care.correctEpisode', parsed.data);
    setBusy(false);
    if (result.ok) return onCorrected(result.value);
    errors.show(result.error);
  };

  return (
    <Dialog titleId="correct-episode-title" onClose={onClose}>
      <form
        noValidate
        className="stacked-form"
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <h2 id="correct-episode-title">
          Correct the dates of {fullName}'s {level} episode
        </h2>
        <p className="hint">Now recorded as {episodeDates(episode)}. The correction is kept in the care events with your name and reason.</p>
        <ul className="care-neighbours">
          {before ? (
            <li>
              The {levelName(before.level)} episode before it ({episodeDates(before)}) ends on this start date, so its end moves with a new start.
            </li>
          ) : (
            <li>No episode ends on this start date, so a new start moves only this episode.</li>
          )}
          {episode.endDate !== null &&
            (after ? (
              <li>
                The {levelName(after.level)} episode after it ({episodeDates(after)}) starts on this end date, so its start moves with a new end.
              </li>
            ) : (
              <li>No episode starts on this end date, so a new end moves only this episode.</li>
            ))}
        </ul>
        <FormAlert message={errors.form} />
        <div className="field-row">
          <Field id={errors.idOf('startDate')} label={`${capitalize(level)} start date`} error={errors.fields.startDate}>
            {(a11y) => (
              <input
                {...a11y}
                type="date"
                autoFocus
                value={startDate}
                onChange={(event) => {
                  setStartDate(event.target.value);
                  errors.clearField('startDate');
                }}
              />
            )}
          </Field>
          {episode.endDate !== null ? (
            <Field id={errors.idOf('endDate')} label={`${capitalize(level)} end date`} error={errors.fields.endDate}>
              {(a11y) => (
                <input
                  {...a11y}
                  type="date"
                  value={endDate}
                  onChange={(event) => {
                    setEndDate(event.target.value);
                    errors.clearField('endDate');
                  }}
                />
              )}
            </Field>
          ) : (
            <p className="field">
              <span className="field-label-static">End date</span> Still open: a discharge or an approved decision ends it.
            </p>
          )}
        </div>
        <Field
          id={errors.idOf('reason')}
          label="Why the dates are corrected"
          hint="For example: entered the referral date instead of the admission date."
          error={errors.fields.reason}
        >
          {(a11y) => (
            <textarea
              {...a11y}
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(event) => {
                setReason(event.target.value);
                errors.clearField('reason');
              }}
            />
          )}
        </Field>
        <div className="dialog-actions">
          <button type="button" className="button-secondary" onClick={onClose}>
            Cancel <kbd>Esc</kbd>
          </button>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save the corrected dates'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
