import type { Recommendation } from '../../../../shared/rules';
import { recommendationHeadline } from '../describe';
import { RecommendationSummary } from '../RecommendationSummary';

/** The rules run in this window on every change; the saved recommendation is computed again by the app. */
export function RecommendationPreview({ recommendation }: { readonly recommendation: Recommendation }) {
  return (
    <aside className="preview-panel" aria-labelledby="preview-title">
      <h2 id="preview-title">Recommendation preview</h2>
      <p className="preview-note">
        A live preview from the rules as you fill in the form. When you save, the app computes the recommendation again and stores that one.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {recommendationHeadline(recommendation.transition, recommendation.level)}
      </p>
      <RecommendationSummary
        level={recommendation.level}
        transition={recommendation.transition}
        reasons={recommendation.reasons}
        warnings={recommendation.warnings}
        ruleIds={recommendation.ruleIds}
        rulesetVersion={recommendation.rulesetVersion}
        missing={recommendation.missing}
        listMissing
      />
      {recommendation.missing.length === 0 && <p className="muted">Every field is answered.</p>}
    </aside>
  );
}
