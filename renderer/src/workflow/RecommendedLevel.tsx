import type { Level } from '../../../shared/domain/levels';
import { LevelBadge } from '../components/LevelBadge';

/** A recommended level; when the rules could not decide, says so instead of "Not placed". */
export function RecommendedLevel({ level }: { readonly level: Level | null }) {
  if (level !== null) return <LevelBadge level={level} />;
  return (
    <span className="level-badge level-none" title="The rules could not recommend a level: the assessment is incomplete">
      <span aria-hidden="true">○○○</span> No recommendation
    </span>
  );
}
