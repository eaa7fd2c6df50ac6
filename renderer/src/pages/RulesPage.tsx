import { Fragment } from 'react';
import { LEVELS, LEVEL_LABELS, type Level } from '../../../shared/domain/levels';
import { describeCondition } from '../../../shared/rules/docs';
import { currentRuleset } from '../../../shared/rules/registry';
import type { Rule } from '../../../shared/rules/rule';
import { findSeedCriterion } from '../../../shared/rules/seedCriteria';
import { LevelBadge } from '../components/LevelBadge';
import { useSession, userHasRole } from '../navigation';
import { formatDate } from '../format/time';
import { RulesImpactPanel } from './RulesImpactPanel';

/** Conditions come as text with `code` spans (shared with docs/RULES.md); code spans render as <code>. */
function ConditionText({ text }: { readonly text: string }) {
  return <>{text.split('`').map((part, index) => (index % 2 === 1 ? <code key={index}>{part}</code> : <Fragment key={index}>{part}</Fragment>))}</>;
}

function RuleRow({ rule }: { readonly rule: Rule }) {
  return (
    <tr>
      <td>
        <div>{rule.statement}</div>
        <div className="muted mono rule-id">{rule.id}</div>
      </td>
      <td>
        <ConditionText text={describeCondition(rule.when)} />
      </td>
      <td>
        <ul className="seed-list">
          {rule.seedCriteria.map((id) => (
            <li key={id}>
              {findSeedCriterion(id)?.paraphrase} <span className="muted mono rule-id">{id}</span>
            </li>
          ))}
        </ul>
      </td>
    </tr>
  );
}

function RuleGroup({ title, badge, rules }: { readonly title: string; readonly badge?: Level; readonly rules: readonly Rule[] }) {
  if (rules.length === 0) return null;
  return (
    <>
      <h2 className="rule-group-title">
        {badge && <LevelBadge level={badge} />} {title} <span className="muted">({rules.length})</span>
      </h2>
      <table className="rules-table">
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Applies when</th>
            <th scope="col">Seed criteria it encodes</th>
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <RuleRow key={rule.id} rule={rule} />
          ))}
        </tbody>
      </table>
    </>
  );
}

export function RulesPage() {
  const { user } = useSession();
  // rules.impact reads every stored assessment, so only supervisors and administrators may run it.
  const mayCheckImpact = userHasRole(user, 'supervisor', 'admin');
  const ruleset = currentRuleset;
  const byLevel = (level: Level) => ruleset.rules.filter((rule) => rule.effect.kind === 'level' && rule.effect.level === level);
  const annotations = ruleset.rules.filter((rule) => rule.effect.kind !== 'level');
  return (
    <section className="page page-scroll" aria-labelledby="rules-title">
      <header className="page-header">
        <h1 id="rules-title">Care-level rules</h1>
        <p className="ruleset-version">
          Ruleset <strong className="mono">{ruleset.version}</strong>, released {formatDate(ruleset.releasedOn)}
        </p>
      </header>
      <p className="prose">{ruleset.summary}</p>
      <ul className="prose how-it-works">
        <li>Each rule points to one level of care; the most intensive level with a rule that applies is recommended, and those rules are cited.</li>
        <li>Inpatient rules can decide on partial information. Otherwise every field must be answered, or no level is recommended.</li>
        <li>A flexible schedule and motivation add a sentence to the recommendation but never change the level.</li>
      </ul>
      {mayCheckImpact && <RulesImpactPanel />}
      {[...LEVELS].reverse().map((level) => (
        <RuleGroup key={level} title={LEVEL_LABELS[level]} badge={level} rules={byLevel(level)} />
      ))}
      <RuleGroup title="Reasons and warnings (never change the level)" rules={annotations} />
    </section>
  );
}
