import { checkPageWords } from '../../lib/wordsChecks.js';
import { fundingWords } from './words.js';

/** The funding pages' sources, to find where each word is used. */
const sources = Object.values(import.meta.glob('./*.tsx', { query: '?raw', import: 'default', eager: true }) as Record<string, string>).join('\n');
// A key is named whole, or built from its prefix (funding.eval.${status}, funding.budget.${part}).
const built = ['funding.eval.eligible', 'funding.eval.needs_input', 'funding.eval.not_eligible', 'funding.budget.funded', 'funding.budget.available', 'funding.budget.reserved', 'funding.budget.spent'];

checkPageWords("the funding pages' words", fundingWords, sources, (k) => built.includes(k));
