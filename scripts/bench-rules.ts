// Rules speed: the interpreter against a hand-written if/else baseline on the same 100,000 assessments.
import { benchmarkRules, formatRulesBenchmark, meetsRulesTargets, syntheticAssessments } from '../shared/rules/benchmark';

const result = benchmarkRules(syntheticAssessments(100_000), () => performance.now());
console.log(formatRulesBenchmark(result));
process.exitCode = meetsRulesTargets(result) ? 0 : 1;
