// The demo population: determinism, plausibility of the distributions, internal
// consistency, and seeding it into a database (one PGlite for the file).
import { createHash } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { type Database } from '../platform/db/database.js';
import { openTestDatabase } from '../../tests/helpers/db.js';
import { AppError } from '../platform/errors.js';
import { YearlyFiguresBody } from '../shared/api.js';
import { QUALIFICATION_LEVELS } from '../shared/enums.js';
import { validateUscc } from '../shared/uscc.js';
import { DEPARTMENTS, generateDemo, meetsHnte, sectionOf, sizeBandFor, type DemoPopulation } from './demo-generator.js';
import { seedDemo } from './demo.js';

const sha = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const YI = 100_000_000 * 100; // 1 亿元 in 分

describe('generateDemo: determinism', { timeout: 60_000 }, () => {
  it('gives identical output for the same seed and size (hash of the JSON)', () => {
    const a = sha(generateDemo({ enterprises: 3000, seed: 20261130 }));
    const b = sha(generateDemo({ enterprises: 3000, seed: 20261130 }));
    expect(a).toBe(b);
  });

  it('gives different output for another seed or another current year', () => {
    const a = sha(generateDemo({ enterprises: 500, seed: 1 }));
    expect(sha(generateDemo({ enterprises: 500, seed: 2 }))).not.toBe(a);
    expect(sha(generateDemo({ enterprises: 500, seed: 1, currentYear: 2025 }))).not.toBe(a);
  });

  it('makes a smaller population a prefix of a larger one with the same seed', () => {
    const small = generateDemo({ enterprises: 400, seed: 9 });
    const large = generateDemo({ enterprises: 1200, seed: 9 });
    expect(sha(large.enterprises.slice(0, 400))).toBe(sha(small.enterprises));
    expect(sha(large.universities)).toBe(sha(small.universities));
  });

  it('handles 100,000 enterprises with unique names and codes', () => {
    const pop = generateDemo({ enterprises: 100_000, seed: 5 });
    expect(pop.enterprises).toHaveLength(100_000);
    expect(new Set(pop.enterprises.map((e) => e.uscc)).size).toBe(100_000);
    expect(new Set(pop.enterprises.map((e) => e.name)).size).toBe(100_000);
  });
});

describe('generateDemo: distributions and consistency', { timeout: 60_000 }, () => {
  let pop: DemoPopulation;
  beforeAll(() => {
    pop = generateDemo({ enterprises: 20_000, seed: 20261130 });
  }, 60_000);
  const latest = () => pop.enterprises.map((e) => e.figures[e.figures.length - 1]!);

  it('has heavy-tailed revenue: the median far below the mean, most enterprises small', () => {
    const revs = latest().map((f) => f.revenue);
    const mean = revs.reduce((s, x) => s + x, 0) / revs.length;
    expect(median(revs)).toBeLessThan(mean / 3);
    const small = pop.enterprises.filter((e) => e.sizeBand === 'micro' || e.sizeBand === 'small').length;
    expect(small / pop.enterprises.length).toBeGreaterThan(0.7);
    expect(pop.enterprises.some((e) => e.sizeBand === 'large')).toBe(true);
  });

  it('keeps R&D intensity mostly between 1 % and 8 %', () => {
    const ints = latest().filter((f) => f.revenue > 0).map((f) => f.rdExpense / f.revenue);
    const inBand = ints.filter((x) => x >= 0.01 && x <= 0.08).length / ints.length;
    expect(inBand).toBeGreaterThan(0.6);
    expect(median(ints)).toBeGreaterThan(0.02);
    expect(median(ints)).toBeLessThan(0.06);
  });

  it('weights districts and industries like Suzhou', () => {
    const byDistrict = new Map<string, number>();
    for (const e of pop.enterprises) byDistrict.set(e.districtCode!, (byDistrict.get(e.districtCode!) ?? 0) + 1);
    const ranked = [...byDistrict.entries()].sort((a, b) => b[1] - a[1]).map(([c]) => c);
    expect(ranked.slice(0, 3).sort()).toEqual(['320505', '320571', '320583']);
    expect(byDistrict.size).toBe(10);
    const manufacturing = pop.enterprises.filter((e) => sectionOf(e.industryCode!) === 'C').length / pop.enterprises.length;
    expect(manufacturing).toBeGreaterThan(0.5);
    expect(pop.enterprises.filter((e) => ['64', '65'].includes(e.industryCode!)).length).toBeGreaterThan(1000);
  });

  it('gives every organisation a valid, unique 统一社会信用代码 and every enterprise a unique name', () => {
    const all = [...pop.enterprises, ...pop.universities, ...pop.institutes, ...pop.governments, ...pop.financials, ...pop.serviceAgencies];
    for (const o of all) expect(validateUscc(o.uscc!), `${o.name} ${o.uscc}`).toEqual({ ok: true, code: o.uscc });
    expect(new Set(all.map((o) => o.uscc)).size).toBe(all.length);
    expect(new Set(all.map((o) => o.name)).size).toBe(all.length);
    for (const e of pop.enterprises) {
      expect(e.uscc.slice(0, 2)).toBe('91');
      expect(e.uscc.slice(2, 8)).toBe(e.districtCode);
      expect(e.name).toMatch(/^(苏州|江苏|昆山|常熟|张家港|太仓|苏州工业园区|苏州市).+(有限公司|股份有限公司)$/);
    }
  });

  it('keeps every figure an integer and every constraint of the schema', () => {
    // Violations are collected and asserted once (an expect per value is slow at this size).
    const bad: string[] = [];
    const check = (cond: boolean, what: () => string) => {
      if (!cond) bad.push(what());
    };
    for (const e of pop.enterprises) {
      check(e.figures.length >= 3 && e.figures.length <= 5, () => `${e.name}: ${e.figures.length} years`);
      check(e.figures[e.figures.length - 1]!.year === 2025, () => `${e.name}: latest year`);
      e.figures.forEach((f, i) => {
        const at = () => `${e.name} ${f.year}`;
        if (i > 0) check(f.year === e.figures[i - 1]!.year + 1, () => `${at()}: years not consecutive`);
        for (const [k, v] of Object.entries(f)) {
          check(Number.isSafeInteger(v), () => `${at()}: ${k}=${v} not an integer`);
          if (k !== 'netAssets') check(v >= 0, () => `${at()}: ${k}=${v} negative`);
        }
        check(f.rdStaff <= f.staff, () => `${at()}: rdStaff > staff`);
        check(f.rdExpenseDomestic <= f.rdExpense, () => `${at()}: domestic R&D > R&D`);
        check(f.hightechRevenue <= f.revenue, () => `${at()}: high-tech revenue > revenue`);
        check(f.patentsHighValue <= f.patentsInvention, () => `${at()}: high-value > invention patents`);
        check(f.staff >= 1 && f.staff <= 2_147_483_647, () => `${at()}: staff ${f.staff}`);
        // What the API would accept for this year (ranges of Fen, cross-field rules).
        const { year: _year, ...body } = f;
        const parsed = YearlyFiguresBody.safeParse(body);
        check(parsed.success, () => `${at()}: ${parsed.error?.issues.map((x) => x.message).join('; ')}`);
      });
      check(e.foundedOn! <= `${e.figures[0]!.year}-12-31`, () => `${e.name}: founded after its first year of figures`);
      const last = e.figures[e.figures.length - 1]!;
      check(e.sizeBand === sizeBandFor(e.industryCode!, last.staff, last.revenue), () => `${e.name}: size band ${e.sizeBand}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
  });

  it('grows most enterprises year on year and lets some decline', () => {
    const ratio = pop.enterprises.filter((e) => e.figures[0]!.revenue > 0).map((e) => e.figures[e.figures.length - 1]!.revenue / e.figures[0]!.revenue);
    const declining = ratio.filter((r) => r < 1).length / ratio.length;
    expect(declining).toBeGreaterThan(0.1);
    expect(declining).toBeLessThan(0.5);
  });

  it('grants qualifications consistent with the figures', () => {
    const n = pop.enterprises.length;
    const holders = (code: string) => pop.enterprises.filter((e) => e.qualifications.some((q) => q.typeCode === code));
    // 科技型中小企业: ≤500 staff and revenue ≤ 2亿元, without exception.
    const tsme = holders('tsme');
    expect(tsme.length).toBeGreaterThan(0);
    for (const e of tsme) {
      const f = e.figures[e.figures.length - 1]!;
      expect(f.staff).toBeLessThanOrEqual(500);
      expect(f.revenue).toBeLessThanOrEqual(2 * YI);
      expect(f.revenue).toBeLessThanOrEqual(20_000_000_000);
    }
    // 高新技术企业: mostly only those meeting R&D intensity, S&T staff ≥10 %, high-tech revenue ≥60 %.
    const hnte = holders('hnte');
    expect(hnte.length / n).toBeGreaterThan(0.03);
    const meeting = hnte.filter((e) => meetsHnte(e.figures[e.figures.length - 1]!)).length;
    expect(meeting / hnte.length).toBeGreaterThan(0.9);
    // The ladder and the rare titles (each list checked below is not empty: 48, 875 and 14 holders at this seed).
    for (const code of ['little_giant', 'srdi', 'single_champion']) expect(holders(code).length, code).toBeGreaterThan(0);
    for (const e of holders('little_giant')) expect(e.qualifications.some((q) => q.typeCode === 'srdi')).toBe(true);
    for (const e of holders('srdi')) expect(e.qualifications.some((q) => q.typeCode === 'isme')).toBe(true);
    for (const e of holders('single_champion')) expect(e.sizeBand).toBe('large');
    expect(holders('little_giant').length / n).toBeLessThan(0.01);
    expect(holders('unicorn').length / n).toBeLessThan(0.002);
    const bad: string[] = [];
    for (const e of pop.enterprises) {
      for (const q of e.qualifications) {
        if (!(QUALIFICATION_LEVELS as readonly string[]).includes(q.level)) bad.push(`${e.name} ${q.typeCode}: level ${q.level}`);
        if (!(q.validTo >= q.validFrom)) bad.push(`${e.name} ${q.typeCode}: ${q.validFrom}~${q.validTo}`);
        if (!(q.validFrom > e.foundedOn!)) bad.push(`${e.name} ${q.typeCode}: before founding ${e.foundedOn}`);
        // 高企: three years, to the day before the same date three years later.
        if (q.typeCode === 'hnte') {
          const to = new Date(q.validFrom + 'T00:00:00Z');
          to.setUTCFullYear(to.getUTCFullYear() + 3);
          to.setUTCDate(to.getUTCDate() - 1);
          if (to.toISOString().slice(0, 10) !== q.validTo) bad.push(`${e.name} hnte: ${q.validFrom}~${q.validTo}`);
        }
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
    // Some 高企 certificates are current in 2026.
    expect(hnte.filter((e) => e.qualifications.some((q) => q.typeCode === 'hnte' && q.validFrom <= '2026-06-30' && q.validTo >= '2026-06-30')).length / hnte.length).toBeGreaterThan(0.95);
  });

  it('has the other organisations: universities, institutes, one government organisation per department, banks, agencies', () => {
    expect(pop.universities.map((u) => u.name)).toContain('苏州大学');
    expect(pop.universities.map((u) => u.name)).toContain('西交利物浦大学');
    expect(pop.institutes.length).toBeGreaterThanOrEqual(2);
    expect(pop.governments.map((g) => g.departmentCode)).toEqual(DEPARTMENTS.map(([c]) => c));
    expect(pop.governments.map((g) => g.name)).toEqual(DEPARTMENTS.map(([, n]) => n));
    expect(pop.governments.every((g) => g.kind === 'government')).toBe(true);
    expect(pop.financials[0]!.name).toMatch(/银行/);
    expect(pop.serviceAgencies.length).toBeGreaterThan(0);
  });
});

describe('seedDemo', { timeout: 120_000 }, () => {
  let database: Database;
  beforeAll(async () => {
    database = await openTestDatabase();
  }, 120_000);
  afterAll(async () => {
    await database?.close();
  }, 60_000);

  const count = async (table: 'organisations' | 'enterprise_yearly_figures' | 'organisation_qualifications' | 'users') =>
    (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(database.db)).rows[0]!.n;

  it('writes nothing when any insert fails (one transaction)', async () => {
    // Year 2200 breaks the figures' CHECK (year BETWEEN 1990 AND 2100) after the organisations went in.
    await expect(seedDemo(database.db, { enterprises: 50, seed: 3, password: 'Demo@2026', currentYear: 2201 })).rejects.toThrow();
    expect(await count('organisations')).toBe(0);
    expect(await count('users')).toBe(0);
  });

  it('seeds ~300 enterprises with figures, qualifications and one account per role', async () => {
    const progress: number[] = [];
    const r = await seedDemo(database.db, { enterprises: 300, seed: 11, password: 'Demo@2026', onProgress: (d) => progress.push(d) });
    const pop = generateDemo({ enterprises: 300, seed: 11 });
    const others = pop.universities.length + pop.institutes.length + pop.governments.length + pop.financials.length + pop.serviceAgencies.length;
    expect(r.enterprises).toBe(300);
    expect(r.organisations).toBe(300 + others);
    expect(r.figures).toBe(pop.enterprises.reduce((s, e) => s + e.figures.length, 0));
    expect(r.qualifications).toBe(pop.enterprises.reduce((s, e) => s + e.qualifications.length, 0));
    expect(await count('organisations')).toBe(r.organisations);
    expect(await count('enterprise_yearly_figures')).toBe(r.figures);
    expect(await count('organisation_qualifications')).toBe(r.qualifications);
    expect(progress[progress.length - 1]).toBe(300);

    expect(r.users.map((u) => u.username)).toEqual(['admin', 'admin2', 'official', 'official_gxj', 'approver', 'approver2', 'enterprise', 'enterprise2', 'institution', 'expert', 'tech_manager', 'commissioner', 'finance']);
    expect(r.users.every((u) => u.password === 'Demo@2026')).toBe(true);
    const users = await database.db
      .selectFrom('users as u')
      .leftJoin('organisations as o', 'o.id', 'u.org_id')
      .select(['u.username', 'u.role', 'u.department_code', 'o.name as org', 'o.kind as org_kind'])
      .execute();
    const by = new Map(users.map((u) => [u.username, u]));
    expect(by.get('enterprise')!.org).toBe(pop.enterprises[0]!.name);
    expect(by.get('enterprise2')!.org).toBe(pop.enterprises[1]!.name);
    expect(by.get('institution')!.org).toBe(pop.universities[0]!.name);
    expect(by.get('finance')!.org).toBe(pop.financials[0]!.name);
    expect(by.get('official')!).toMatchObject({ role: 'official', department_code: 'kjj', org: '市科技局', org_kind: 'government' });
    expect(by.get('official_gxj')!).toMatchObject({ department_code: 'gxj', org: '市工信局' });

    // The stored figures are the generator's, to the 分.
    const first = pop.enterprises[0]!;
    const stored = await database.db
      .selectFrom('enterprise_yearly_figures as f')
      .innerJoin('organisations as o', 'o.id', 'f.org_id')
      .select(['f.year', 'f.revenue', 'f.rd_expense', 'f.source'])
      .where('o.uscc', '=', first.uscc)
      .orderBy('f.year')
      .execute();
    expect(stored).toEqual(first.figures.map((f) => ({ year: f.year, revenue: f.revenue, rd_expense: f.rdExpense, source: 'imported' })));

    const audit = await database.db.selectFrom('audit_log').select(['detail', 'result']).where('action', '=', 'seed.demo').orderBy('seq').execute();
    expect(audit.map((a) => a.result)).toEqual(['error', 'ok']); // the failed attempt above, then this one
    audit.shift();
    expect(JSON.parse(audit[0]!.detail)).toMatchObject({ seed: 11, enterprises: 300, figures: r.figures });
    const meta = await database.db.selectFrom('app_meta').select('value').where('key', '=', 'demo_seeded').executeTakeFirstOrThrow();
    expect(JSON.parse(meta.value)).toMatchObject({ seed: 11, enterprises: 300 });
    expect(JSON.parse(meta.value).users).toHaveLength(13);
  });

  it('refuses a second seed with ALREADY_SEEDED (409)', async () => {
    const err = await seedDemo(database.db, { enterprises: 10, seed: 1, password: 'Demo@2026' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'ALREADY_SEEDED', status: 409 });
  });
});
