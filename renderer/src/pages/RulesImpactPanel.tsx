import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { CURRENT_RULESET_VERSION, RULESETS } from '../../../shared/rules/registry';
import { callOrThrow } from '../api/client';
import { JobProgressBar } from '../components/JobProgressBar';
import { LevelBadge } from '../components/LevelBadge';
import { tracked, useJobProgress } from '../components/useJobProgress';
import { formatDate } from '../format/time';

/** Replays stored assessments under another released ruleset; nothing stored is changed. */
export function RulesImpactPanel() {
  const [targetVersion, setTargetVersion] = useState(CURRENT_RULESET_VERSION);
  const job = useJobProgress();
  const impact = useMutation({
    mutationFn: (version: string) => tracked(job, (jobId) => callOrThrow('rules.impact', { targetVersion: version, jobId })),
  });
  const report = impact.data;
  return (
    <section className="impact-panel" aria-labelledby="impact-title">
      <h2 id="impact-title">Rules impact</h2>
      <p className="muted">
        Re-evaluates every stored assessment under the chosen ruleset and lists the cases whose recommended level would change. Stored recommendations
        are not changed.
      </p>
      <form
        className="impact-form"
        onSubmit={(event) => {
          event.preventDefault();
          impact.mutate(targetVersion);
        }}
      >
        <label htmlFor="impact-version">Ruleset version</label>
        <select id="impact-version" value={targetVersion} onChange={(event) => setTargetVersion(event.target.value)}>
          {RULESETS.map((ruleset) => (
            <option key={ruleset.version} value={ruleset.version}>
              {ruleset.version} (released {formatDate(ruleset.releasedOn)})
            </option>
          ))}
        </select>
        <button type="submit" className="button-primary" disabled={impact.isPending}>
          {impact.isPending ? 'Checking…' : 'Check stored assessments'}
        </button>
      </form>
      {impact.isPending && <JobProgressBar label="Checking stored assessments" progress={job.progress} finished={job.finished} />}
      {impact.error && (
        <p role="alert" className="form-error">
          {impact.error.message}
        </p>
      )}
      {report && (
        <div role="status">
          {report.changes.length === 0 ? (
            <p>
              Checked {report.evaluated} stored assessment{report.evaluated === 1 ? '' : 's'} under ruleset {report.targetVersion}: no case would
              change level.
            </p>
          ) : (
            <>
              <p>
                Checked {report.evaluated} stored assessments under ruleset {report.targetVersion}: {report.changes.length} case
                {report.changes.length === 1 ? '' : 's'} would change level.
              </p>
              <table className="rules-table">
                <thead>
                  <tr>
                    <th scope="col">Case</th>
                    <th scope="col">Assessed</th>
                    <th scope="col">Stored recommendation</th>
                    <th scope="col">Under {report.targetVersion}</th>
                    <th scope="col">Why</th>
                  </tr>
                </thead>
                <tbody>
                  {report.changes.map((change) => (
                    <tr key={`${change.caseId}-${change.assessmentId}`}>
                      <td>
                        {change.fullName} <span className="muted mono">{change.mrn}</span>
                      </td>
                      <td>{formatDate(change.assessedOn)}</td>
                      <td>
                        <LevelBadge level={change.from.level} /> <span className="muted">({change.from.rulesetVersion})</span>
                      </td>
                      <td>
                        <LevelBadge level={change.to.level} />
                      </td>
                      <td>{change.to.reasons.join(' ')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </div>
      )}
    </section>
  );
}
