/**
 * Demo content for the technology market: the achievements and demands of the
 * evaluation set (eval/market, generated text), given to the demo city's
 * universities, institutes and enterprises, then matched as if just published.
 * Demo only: the owners are reassigned and the texts are synthetic.
 */
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Actor } from '../audit/audit.js';
import type { DB } from '../platform/db/schema.js';
import { recommendFor } from './pipeline-service.js';
import { tokenText } from './text/tokenize.js';

const DIR = new URL('../../eval/market/', import.meta.url);

interface RawAchievement {
  title: string;
  abstract: string;
  keywords: string[];
  fields: string[];
  trl: number;
  valuation: { amountFen: number | null; method: string | null; date: string | null } | null;
  modes: string[];
  publiclyFunded: boolean;
  confidential: boolean;
  status: string;
}
interface RawDemand {
  title: string;
  problem: string;
  fields: string[];
  requiredTrl: { min: number; max: number };
  budgetFen: { min: number; max: number } | null;
  modes: string[];
  deadline: string;
}

const lines = <T>(name: string): T[] =>
  fs
    .readFileSync(new URL(name, DIR), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

export async function seedMarketDemo(db: Kysely<DB>, actor: Actor, opts: { achievements?: number; demands?: number } = {}): Promise<{ achievements: number; demands: number; matches: number }> {
  if (!fs.existsSync(new URL('achievements.jsonl', DIR))) return { achievements: 0, demands: 0, matches: 0 };
  const owners = (await db.selectFrom('organisations').select('id').where('kind', 'in', ['university', 'institute']).orderBy('id').execute()).map((o) => o.id);
  const enterprises = (await db.selectFrom('organisations').select('id').where('kind', '=', 'enterprise').orderBy('id').limit(200).execute()).map((o) => o.id);
  if (!owners.length || !enterprises.length) return { achievements: 0, demands: 0, matches: 0 };
  const today = new Date().toISOString().slice(0, 10);
  const as = lines<RawAchievement>('achievements.jsonl').slice(0, opts.achievements ?? 400);
  const ds = lines<RawDemand>('demands.jsonl').slice(0, opts.demands ?? 40);
  for (let i = 0; i < as.length; i += 200) {
    await db
      .insertInto('achievements')
      .values(
        as.slice(i, i + 200).map((a, j) => ({
          owner_org_id: owners[(i + j) % owners.length]!,
          title: a.title,
          abstract: a.abstract,
          keywords: a.keywords,
          fields: a.fields,
          trl: a.trl,
          valuation_fen: a.valuation?.amountFen ?? null,
          valuation_method: a.valuation?.method ?? null,
          valuation_date: a.valuation?.date ?? null,
          modes: a.modes,
          publicly_funded: a.publiclyFunded,
          confidential: a.confidential,
          status: a.status,
          data_as_of: today,
          title_tokens: tokenText(a.title),
          keyword_tokens: a.keywords.map((k) => tokenText(k)).join(' '),
          abstract_tokens: tokenText(a.abstract),
        })),
      )
      .execute();
  }
  const ids = await db
    .insertInto('demands')
    .values(
      ds.map((d, i) => ({
        // the first demo enterprise (the `enterprise` account) gets the first demands
        org_id: enterprises[Math.floor(i / 2) % enterprises.length]!,
        title: d.title,
        problem: d.problem,
        fields: d.fields,
        trl_min: d.requiredTrl.min,
        trl_max: d.requiredTrl.max,
        budget_min_fen: d.budgetFen?.min ?? null,
        budget_max_fen: d.budgetFen?.max ?? null,
        modes: d.modes,
        deadline: d.deadline,
        visibility: 'public',
        status: 'open',
        title_tokens: tokenText(d.title),
        problem_tokens: tokenText(d.problem),
      })),
    )
    .returning('id')
    .execute();
  let matches = 0;
  for (const { id } of ids) matches += await recommendFor(db, actor, { demandId: id });
  return { achievements: as.length, demands: ids.length, matches };
}
