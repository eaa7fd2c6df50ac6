import { useCallback, useState } from 'react';
import type { CaseDetail } from '../../../shared/contract/caseDetail';
import { CaseTimeline } from '../charts/CaseTimeline';
import { formatDate } from '../format/time';
import { useSession, userHasRole } from '../navigation';
import { AttendanceSection } from '../workflow/care/AttendanceSection';
import { AuthorizationSection } from '../workflow/care/AuthorizationSection';
import { CareEventList } from '../workflow/care/CareEventList';
import { DischargeDialog } from '../workflow/care/DischargeDialog';
import { CaseSections } from '../workflow/care/CaseSections';
import { SECTION_IDS } from '../workflow/care/sections';
import { useCaseShortcut } from '../workflow/care/useCaseShortcut';
import { AssessmentHistory } from '../workflow/caseDetail/AssessmentHistory';
import { CaseHeader } from '../workflow/caseDetail/CaseHeader';
import { DecisionHistory } from '../workflow/caseDetail/DecisionHistory';
import { EditCaseDialog } from '../workflow/caseDetail/EditCaseDialog';
import { EpisodeTable } from '../workflow/caseDetail/EpisodeTable';
import { todayIso } from '../workflow/dates';
import { levelName } from '../workflow/describe';
import { useCaseDetail, useRefreshWorkflow, useShowCaseDetail } from '../workflow/useCaseDetail';
import { EmergencyAccessOffer } from '../workflow/access/EmergencyAccessOffer';
import { RequestError } from '../api/client';
import { seesEveryCase } from '../../../shared/domain/roles';
import '../disclosure/disclosure.css';
import '../workflow.css';

type CaseDialog = 'discharge' | 'edit' | null;

/** One case: who it is, where they are in care, its care events, IOP hours, payer authorizations, assessments and decisions. */
export function CaseDetailPage({ caseId }: { readonly caseId: string }) {
  const session = useSession();
  const detail = useCaseDetail(caseId);
  const showDetail = useShowCaseDetail();
  const refresh = useRefreshWorkflow();
  const [dialog, setDialog] = useState<CaseDialog>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const today = todayIso();
  // Clinicians and supervisors record clinical work; an administrator only reads.
  const canAct = userHasRole(session.user, 'clinician', 'supervisor');
  const current = detail.data?.episodes.find((episode) => episode.endDate === null);

  const assess = useCallback(() => session.navigate({ page: 'assess', caseId }), [session, caseId]);
  const discharge = useCallback(() => setDialog('discharge'), []);
  const edit = useCallback(() => setDialog('edit'), []);
  useCaseShortcut('n', assess, canAct && detail.isSuccess);
  useCaseShortcut('d', discharge, canAct && current !== undefined);
  useCaseShortcut('e', edit, canAct && detail.isSuccess);

  const onChanged = useCallback(async (changed: CaseDetail) => showDetail(changed), [showDetail]);

  if (detail.isPending) return <p role="status">Loading the case…</p>;
  if (detail.error) {
    const outside = detail.error instanceof RequestError && detail.error.appError.code === 'forbidden' && !seesEveryCase(session.user.roles);
    return (
      <div className="page">
        <p role="alert" className="form-error">
          {detail.error.message}
        </p>
        {outside && <EmergencyAccessOffer caseId={caseId} onOpened={(opened) => void showDetail(opened)} />}
      </div>
    );
  }
  const { summary, episodes, assessments, decisions, careEvents, attendance } = detail.data;
  const discharged = summary.status === 'discharged';
  const lastEnd = discharged
    ? (episodes
        .map((episode) => episode.endDate ?? '')
        .sort()
        .at(-1) ?? null)
    : null;
  const showAttendance = attendance.length > 0 || episodes.some((episode) => episode.level === 'iop');

  return (
    <section className="page page-scroll workflow-page" aria-labelledby="case-title">
      <CaseHeader
        summary={summary}
        episodes={episodes}
        today={today}
        canAct={canAct}
        onBack={() => session.navigate({ page: 'caseload' })}
        onAssess={assess}
        onDischarge={current ? discharge : null}
        onEdit={edit}
      />
      {detail.data.access === 'emergency' && (
        <p className="emergency-banner" role="note">
          You opened this case through <strong>emergency access</strong>; it is assigned to {summary.clinician?.displayName ?? 'no clinician'}. Your
          reason was recorded, and the access ends when you sign out or Stepwise locks.
        </p>
      )}
      <p className="case-records-links">
        <button type="button" className="wf-link" onClick={() => session.navigate({ page: 'case-summary', caseId })}>
          Case review to print or send
        </button>
        <span aria-hidden="true"> · </span>
        <button type="button" className="wf-link" onClick={() => session.navigate({ page: 'disclosures', caseId })}>
          Disclosure history
        </button>
      </p>
      <CaseSections showAttendance={showAttendance} />
      {notice && (
        <div className="notice case-notice">
          <p role="status">{notice}</p>
          <button type="button" onClick={() => setNotice(null)}>
            Dismiss
          </button>
        </div>
      )}

      {/* The timeline brings its own "Timeline" heading and table view; the wrapper is the target of the contents link. */}
      <div id={SECTION_IDS.timeline} tabIndex={-1} className="workflow-section case-timeline">
        <CaseTimeline detail={detail.data} />
      </div>
      <section aria-labelledby={SECTION_IDS.episodes} className="workflow-section">
        <h2 id={SECTION_IDS.episodes} tabIndex={-1}>
          Episodes of care
        </h2>
        <EpisodeTable caseId={caseId} fullName={summary.fullName} episodes={episodes} today={today} canCorrect={canAct} onCorrected={onChanged} />
      </section>
      <section aria-labelledby={SECTION_IDS.decisions} className="workflow-section">
        <h2 id={SECTION_IDS.decisions} tabIndex={-1}>
          Placement decisions
        </h2>
        <DecisionHistory summary={summary} decisions={decisions} assessments={assessments} episodes={episodes} canAct={canAct} today={today} />
      </section>
      <section aria-labelledby={SECTION_IDS.assessments} className="workflow-section">
        <h2 id={SECTION_IDS.assessments} tabIndex={-1}>
          Assessments
        </h2>
        <AssessmentHistory caseId={caseId} assessments={assessments} canAct={canAct} decideFrom={lastEnd} />
      </section>
      {showAttendance && (
        <section aria-labelledby={SECTION_IDS.attendance} className="workflow-section">
          <h2 id={SECTION_IDS.attendance} tabIndex={-1}>
            IOP attendance
          </h2>
          <AttendanceSection detail={detail.data} today={today} canRecord={canAct} onChanged={onChanged} />
        </section>
      )}
      <section aria-labelledby={SECTION_IDS.authorizations} className="workflow-section">
        <h2 id={SECTION_IDS.authorizations} tabIndex={-1}>
          Payer authorizations
        </h2>
        <AuthorizationSection detail={detail.data} today={today} canEdit={canAct} onChanged={onChanged} />
      </section>
      <section aria-labelledby={SECTION_IDS.careEvents} className="workflow-section">
        <h2 id={SECTION_IDS.careEvents} tabIndex={-1}>
          Care events
        </h2>
        <CareEventList events={careEvents} episodes={episodes} />
      </section>

      {dialog === 'discharge' && current && (
        <DischargeDialog
          detail={detail.data}
          episode={current}
          today={today}
          onClose={() => setDialog(null)}
          onDischarged={async (changed) => {
            setDialog(null);
            const ended = changed.episodes.find((episode) => episode.id === current.id)?.endDate;
            setNotice(`Discharged ${summary.fullName} from ${levelName(current.level)}${ended ? ` on ${formatDate(ended)}` : ''}.`);
            await onChanged(changed);
            // The header now says Discharged and offers the readmission: show it.
            document.getElementById('case-title')?.closest('header')?.scrollIntoView({ block: 'start' });
          }}
        />
      )}
      {dialog === 'edit' && (
        <EditCaseDialog
          summary={summary}
          onClose={() => setDialog(null)}
          onSaved={async (saved) => {
            setDialog(null);
            setNotice(`Saved the case details of ${saved.fullName}.`);
            await refresh(caseId);
          }}
        />
      )}
    </section>
  );
}
