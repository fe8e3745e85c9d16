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

export async function seedMarketDemo(db: Kysely<DB>, actor: Actor, opts: { achievements?: number; demands?: number } = {}): Promise<{ achievements: number; demands: number; matches: number; experts: number }> {
  if (!fs.existsSync(new URL('achievements.jsonl', DIR))) return { achievements: 0, demands: 0, matches: 0, experts: 0 };
  const owners = (await db.selectFrom('organisations').select('id').where('kind', 'in', ['university', 'institute']).orderBy('id').execute()).map((o) => o.id);
  const enterprises = (await db.selectFrom('organisations').select('id').where('kind', '=', 'enterprise').orderBy('id').limit(200).execute()).map((o) => o.id);
  if (!owners.length || !enterprises.length) return { achievements: 0, demands: 0, matches: 0, experts: 0 };
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
          keyword_tokens: a.keywords.map((k) => tokenText(k)).filter(Boolean).join(' '),
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
  const experts = await seedExperts(db, as, owners);
  let matches = 0;
  for (const { id } of ids) matches += await recommendFor(db, actor, { demandId: id });
  return { achievements: as.length, demands: ids.length, matches, experts };
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN = ['伟', '敏', '静', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀兰', '霞', '平', '刚', '桂英', '建华', '志强', '晓东', '海燕', '文博', '雪梅', '振宇', '子涵', '思远', '佳琪', '立新', '国庆'];
const TITLES = ['教授', '研究员', '副教授', '副研究员', '高级工程师', '正高级工程师'];

/**
 * Demo expert pool: one expert per ten demo achievements, affiliated with the
 * achievement's institution, whose expertise is that achievement's keywords and
 * those of two more in the same field. Names are generated. The `expert` demo
 * account gets the first profile.
 */
async function seedExperts(db: Kysely<DB>, as: RawAchievement[], owners: number[]): Promise<number> {
  const account = await db.selectFrom('users').select('id').where('username', '=', 'expert').where('role', '=', 'expert').executeTakeFirst();
  const rows = [];
  for (let i = 0; i * 10 < as.length; i++) {
    const a = as[i * 10]!;
    const peers = as.filter((x, j) => j !== i * 10 && x.fields[0] === a.fields[0]).slice(i % 5, (i % 5) + 2);
    const keywords = [...new Set([a, ...peers].flatMap((x) => x.keywords))];
    const expertise = `长期从事${a.title}等方向的研究，熟悉${keywords.join('、')}。`.slice(0, 2000);
    rows.push({
      user_id: i === 0 ? (account?.id ?? null) : null,
      name: SURNAMES[(i * 7) % SURNAMES.length]! + GIVEN[(i * 11) % GIVEN.length]!,
      org_id: owners[(i * 10) % owners.length]!,
      title: TITLES[i % TITLES.length]!,
      fields: [...new Set([a, ...peers].flatMap((x) => x.fields))].slice(0, 5),
      expertise,
      expertise_tokens: tokenText(expertise),
    });
  }
  if (rows.length) await db.insertInto('expert_profiles').values(rows).execute();
  return rows.length;
}
