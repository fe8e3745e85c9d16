import { describe, expect, it } from 'vitest';
import { ITEMS } from '../items/index.js';
import { platformFacts } from '../platform-facts.js';
import { loadItem } from './check.js';
import { audienceVerdict, classify } from './audience.js';
import { evaluateItem } from './evaluate.js';
import type { Facts } from './facts.js';
import type { SupportItem } from './schema.js';

const item = (id: string) => ITEMS.find((i) => i.id === id)!;
const org = (orgKind: string, sizeBand: string | null, industrySection: string | null = 'M'): Facts =>
  platformFacts({ industrySection, latest: undefined, qualificationCodes: [], orgKind, sizeBand });
const run = (it: SupportItem, facts: Facts) => classify(it, evaluateItem(it, facts), facts);

describe('audience (适用对象)', () => {
  it('every built-in item declares its audience and loads with it', () => {
    for (const i of ITEMS) {
      expect(i.audience, i.id).toBeDefined();
      expect(() => loadItem(i)).not.toThrow();
    }
  });

  it('a micro firm cannot apply for 全国重点实验室, 高等研究院 or 离岸创新中心, and the reason names its size or kind', () => {
    const micro = org('enterprise', 'micro');
    const lab = run(item('m1.national_key_lab'), micro);
    expect(lab.relevance).toBe('cannot');
    expect(lab.relevanceReason).toContain('企业规模为中型、大型（本单位：微型）');
    const inst = run(item('m1.advanced_institute'), micro);
    expect(inst.relevance).toBe('cannot');
    expect(inst.relevanceReason).toContain('本单位：企业');
    expect(run(item('m19.offshore_build'), micro).relevance).toBe('cannot');
  });

  it('a large firm might get 全国重点实验室 once it says it has one; an institution has no size band and is not refused for it', () => {
    const large = run(item('m1.national_key_lab'), org('enterprise', 'large'));
    expect(large.relevance).toBe('might');
    expect(large.relevanceMissing.map((m) => m.fact)).toContain('nationalKeyLab');
    const uni = org('university', null);
    expect(run(item('m1.national_key_lab'), uni).relevance).toBe('might');
    expect(run(item('m1.advanced_institute'), { ...uni, advancedInstitute: { value: true, source: 'declaration' } }).relevance).toBe('applies');
  });

  it('a carrier item is "might" for an enterprise until it says whether it runs a carrier', () => {
    const firm = org('enterprise', 'small');
    const r = run(item('m12.incubator'), firm);
    expect(r.relevance).toBe('might');
    expect(r.relevanceMissing.map((m) => m.fact)).toContain('isPlatformOperator');
    const no = run(item('m12.incubator'), { ...firm, isPlatformOperator: { value: false, source: 'declaration' } });
    expect(no.relevance).toBe('cannot');
    const yes = run(item('m12.incubator'), { ...firm, isPlatformOperator: { value: true, source: 'declaration' }, benchmarkIncubator: { value: true, source: 'declaration' } });
    expect(yes.relevance).toBe('applies');
  });

  it('sectors bind enterprises: 设备投入奖励 is for manufacturing only', () => {
    expect(run(item('m8.equipment'), org('enterprise', 'large', 'I')).relevance).toBe('cannot');
    const c = run(item('m8.equipment'), org('enterprise', 'large', 'C'));
    expect(c.relevance).toBe('might');
    expect(c.relevanceMissing.map((m) => m.fact)).toEqual(['equipmentInvestment']);
  });

  it('with nothing known about the organisation the audience itself is asked for', () => {
    const v = audienceVerdict(item('m13.insurance'), {});
    expect(v.value).toBe('unknown');
    expect(v.missing.map((m) => m.fact).sort()).toEqual(['applicantKind', 'sizeBand']);
    expect(audienceVerdict(item('m13.insurance'), org('enterprise', 'large')).value).toBe('no');
    expect(audienceVerdict(item('m13.insurance'), org('enterprise', 'micro')).value).toBe('yes');
  });

  it('an eligible item whose audience holds applies; a not-eligible one cannot, with its failed condition', () => {
    const it = item('m8.equipment');
    const facts = { ...org('enterprise', 'large', 'C'), equipmentInvestment: { value: 6000_0000_00, source: 'declaration' as const } };
    expect(run(it, facts).relevance).toBe('applies');
    const low = run(it, { ...facts, equipmentInvestment: { value: 4000_0000_00, source: 'declaration' } });
    expect(low.relevance).toBe('cannot');
    expect(low.relevanceReason).toContain('设备投资');
  });

  it('a micro firm with no declarations: nothing it cannot apply for is offered as "might"', () => {
    const micro = org('enterprise', 'micro');
    const classes = ITEMS.map((i) => ({ id: i.id, ...run(i, micro) }));
    const might = classes.filter((c) => c.relevance === 'might').map((c) => c.id);
    for (const id of ['m1.national_key_lab', 'm1.national_center', 'm1.advanced_institute', 'm1.science_center', 'm5.global_rd_center', 'm19.offshore_build', 'm10.new_track_zone']) {
      expect(might).not.toContain(id);
    }
    expect(might).toContain('m13.insurance');
    expect(might.length).toBeLessThan(ITEMS.length - 10);
  });

  it('a bad audience is refused on its field', () => {
    const doc = { ...item('m13.insurance'), audience: { applicants: ['alien'] } };
    expect(() => loadItem(doc)).toThrow(/audience/);
    const req = { ...item('m13.insurance'), audience: { requires: { fact: 'noSuchFact', is: true } } };
    expect(() => loadItem(req)).toThrow(/noSuchFact/);
  });
});
