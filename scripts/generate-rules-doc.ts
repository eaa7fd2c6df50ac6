// Writes docs/RULES.md from the ruleset and seed criteria; tests/unit/rules/docs.test.ts fails when it is stale.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc, RULES_DOC_PATH } from '../shared/rules/docs';

const target = fileURLToPath(new URL(`../${RULES_DOC_PATH}`, import.meta.url));
writeFileSync(target, renderRulesDoc(), 'utf8');
console.log(`Wrote ${RULES_DOC_PATH}`);
