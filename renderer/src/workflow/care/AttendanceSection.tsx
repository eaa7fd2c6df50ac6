import { useCallback, useRef, useState } from 'react';
import { recordAttendanceInputSchema, type AttendanceRecord } from '../../../../shared/contract/care';
import type { CaseDetail } from '../../../../shared/contract/caseDetail';
import type { AppError } from '../../../../shared/contract/result';
import { addDays } from '../../../../shared/domain/dates';
import { IOP_MINIMUM_WEEKLY_HOURS } from '../../../../shared/domain/attendance';
import { call } from '../../api/client';
import { Field, FormAlert } from '../../components/Field';
import { formatDate } from '../../format/time';
import { ConfirmDialog } from '../ConfirmDialog';
import { AttentionMarker } from './AttentionMarker';
import { formatHours, hoursPhrase } from './careText';
import { useCaseShortcut } from './useCaseShortcut';
import { useFormErrors } from './useFormErrors';
import { WeeklyHoursTable } from './WeeklyHoursTable';

const FIELDS = ['sessionDate', 'hours'] as const;
const RECENT_SESSIONS = 10;

interface Props {
  readonly detail: CaseDetail;
  readonly today: string;
  readonly canRecord: boolean;
  readonly onChanged: (detail: CaseDetail) => Promise<void>;
}

/** IOP sessions: record one in two fields, see each week against the 9-hour line, remove a mistaken entry. */
export function AttendanceSection({ detail, today, canRecord, onChanged }: Props) {
  const { summary, attendance, weeklyHours } = detail;
  const [sessionDate, setSessionDate] = useState(today);
  const [hours, setHours] = useState('');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<AttendanceRecord | null>(null);
  const [showAll, setShowAll] = useState(false);
  const errors = useFormErrors('attendance', FIELDS);
  const dateRef = useRef<HTMLInputElement>(null);
  useCaseShortcut(
    's',
    useCallback(() => dateRef.current?.focus(), []),
    canRecord,
  );

  const record = async () => {
    setNotice(null);
    const parsed = recordAttendanceInputSchema.safeParse({ caseId: summary.id, sessionDate, hours: hours.trim() === '' ? undefined : Number(hours) });
    if (!parsed.success) return errors.showInvalid(parsed.error);
    setBusy(true);
    const result = await call('care.recordAttendance', parsed.data);
    setBusy(false);
    if (!result.ok) return errors.show(result.error);
    errors.clearAll();
    setNotice(`Recorded ${hoursPhrase(parsed.data.hours)} on ${formatDate(parsed.data.sessionDate)}.`);
    // The next session is usually another day with the same hours: keep the hours, start again at the date.
    dateRef.current?.focus();
    await onChanged(result.value);
  };

  const remove = async (): Promise<AppError | null> => {
    if (!removing) return null;
    const result = await call('care.removeAttendance', { attendanceId: removing.id });
    if (!result.ok) return result.error;
    setNotice(`Removed the session of ${hoursPhrase(removing.hours)} on ${formatDate(removing.sessionDate)}.`);
    setRemoving(null);
    await onChanged(result.value);
    return null;
  };

  const lastFullWeek = [...weeklyHours].reverse().find((week) => addDays(week.weekStart, 6) < today && week.fullWeekAtIop);
  const sessions = [...attendance].sort((a, b) => (a.sessionDate < b.sessionDate ? 1 : a.sessionDate > b.sessionDate ? -1 : 0));
  const shownSessions = showAll ? sessions : sessions.slice(0, RECENT_SESSIONS);
  return (
    <>
      <p className="care-summary">
        {lastFullWeek ? (
          lastFullWeek.belowIntensity ? (
            <AttentionMarker>
              Last full week at IOP ({formatDate(lastFullWeek.weekStart)}): {formatHours(lastFullWeek.hours)}, below the {IOP_MINIMUM_WEEKLY_HOURS}
              -hour minimum
            </AttentionMarker>
          ) : (
            <>
              Last full week at IOP ({formatDate(lastFullWeek.weekStart)}): {formatHours(lastFullWeek.hours)}, meets the {IOP_MINIMUM_WEEKLY_HOURS}
              -hour minimum.
            </>
          )
        ) : (
          <span className="muted">IOP means at least {IOP_MINIMUM_WEEKLY_HOURS} hours of treatment a week; only weeks fully at IOP count.</span>
        )}
      </p>
      {notice && (
        <p role="status" className="notice-text">
          {notice}
        </p>
      )}
      {canRecord && (
        <form
          noValidate
          className="inline-form attendance-form"
          aria-label="Record an IOP session"
          onSubmit={(event) => {
            event.preventDefault();
            void record();
          }}
        >
          <FormAlert message={errors.form} />
          <Field
            id={errors.idOf('sessionDate')}
            label={
              <>
                Session date <kbd>S</kbd>
              </>
            }
            error={errors.fields.sessionDate}
          >
            {(a11y) => (
              <input
                {...a11y}
                ref={dateRef}
                type="date"
                max={today}
                value={sessionDate}
                onChange={(event) => {
                  setSessionDate(event.target.value);
                  errors.clearField('sessionDate');
                }}
              />
            )}
          </Field>
          <Field
            id={errors.idOf('hours')}
            label={
              <>
                Hours attended <span className="muted">(in quarter hours)</span>
              </>
            }
            error={errors.fields.hours}
          >
            {(a11y) => (
              <input
                {...a11y}
                type="number"
                inputMode="decimal"
                min={0.25}
                max={24}
                step={0.25}
                className="hours-input"
                value={hours}
                onChange={(event) => {
                  setHours(event.target.value);
                  errors.clearField('hours');
                }}
              />
            )}
          </Field>
          <button type="submit" className="button-primary" disabled={busy}>
            {busy ? 'Recording…' : 'Record session'}
          </button>
        </form>
      )}
      <div className="attendance-layout">
        <section aria-labelledby="weekly-hours-title">
          <h3 id="weekly-hours-title">Hours per week</h3>
          <WeeklyHoursTable weeks={weeklyHours} today={today} />
        </section>
        <section aria-labelledby="sessions-title">
          <h3 id="sessions-title">Sessions</h3>
          {sessions.length === 0 ? (
            <p className="muted">No sessions recorded yet.{canRecord && ' Enter the date and hours above after each session.'}</p>
          ) : (
            <table className="workflow-table" aria-label="IOP sessions">
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col" className="wf-num">
                    Hours
                  </th>
                  <th scope="col">Recorded by</th>
                  {canRecord && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {shownSessions.map((session) => (
                  <tr key={session.id}>
                    <td className="date-cell">{formatDate(session.sessionDate)}</td>
                    <td className="wf-num">{formatHours(session.hours)}</td>
                    <td>{session.recordedBy.displayName}</td>
                    {canRecord && (
                      <td className="actions-cell">
                        <button type="button" className="link-button danger" onClick={() => setRemoving(session)}>
                          Remove<span className="visually-hidden"> the session on {formatDate(session.sessionDate)}</span>
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {sessions.length > RECENT_SESSIONS && (
            <button type="button" className="link-button" aria-expanded={showAll} onClick={() => setShowAll(!showAll)}>
              {showAll ? `Show the last ${RECENT_SESSIONS} sessions only` : `Show all ${sessions.length} sessions`}
            </button>
          )}
        </section>
      </div>
      <ConfirmDialog
        open={removing !== null}
        title={
          removing
            ? `Remove the session of ${hoursPhrase(removing.hours)} on ${formatDate(removing.sessionDate)} from ${summary.fullName}'s attendance?`
            : ''
        }
        confirmLabel="Remove session"
        danger
        onCancel={() => setRemoving(null)}
        onConfirm={remove}
      >
        <p>The week's hours are recounted without it. Record it again if it was removed by mistake.</p>
      </ConfirmDialog>
    </>
  );
}
