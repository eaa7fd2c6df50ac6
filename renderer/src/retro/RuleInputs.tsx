import { TEDS_RULE_INPUTS } from '../../../shared/teds/assessment';

/** Which TEDS-D fields feed Stepwise's rules in the concordance (shared/teds/assessment.ts), and what the rest means for it. */
export function RuleInputs() {
  const mapped: number = TEDS_RULE_INPUTS.length;
  return (
    <>
      <p>
        <strong>What the rules read.</strong> TEDS-D holds no assessment: none of the dimension ratings and only{' '}
        {mapped === 1 ? 'one answer' : `${mapped} answers`} the rules use. A field is mapped only where it means the same thing; everything else stays
        unknown, and the rules never guess an unknown.
      </p>
      <ul className="retro-rule-inputs">
        {TEDS_RULE_INPUTS.map((input) => (
          <li key={input.field}>
            <span className="mono">{input.field}</span>: {input.mapping}{' '}
            <span className="muted">
              (rule input <span className="mono">{input.input}</span>)
            </span>
          </li>
        ))}
      </ul>
      <p>
        Kept but not read by the rules, because they do not mean what a criterion means: <span className="mono">PSYPROB</span> (any co-occurring
        mental health problem, not a debilitating one), <span className="mono">PSOURCE</span> (a justice referral is not a court order for residential
        care) and <span className="mono">NOPRIOR</span> (a prior episode says nothing of its level or how it ended).
      </p>
      <p>
        A record for which the rules give no level, or without an admission setting, counts as insufficient data: never as a match or a mismatch. The
        level of the admission setting (see Settings) is compared with the recommended level.
      </p>
      {mapped === 1 && (
        <p>
          <strong>Read with care:</strong> with this one input, every recommendation here comes from the same rule (no safe, sober place to live calls
          for 24-hour care), so it is always inpatient/residential and &ldquo;admitted elsewhere&rdquo; always means a lower level. An admission to a
          24-hour detox setting counts as a match, although detox is withdrawal management rather than residential rehabilitation (see the withdrawal
          management mark under Settings).
        </p>
      )}
    </>
  );
}
