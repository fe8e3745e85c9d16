import { describe, expect, it } from 'vitest';
import { expertConflict, normaliseOrgName, type ApplicationParties, type ExpertTies } from './conflicts.js';

const SUDA = { id: 7, name: '苏州大学' };
const FIRM = { id: 3, name: '苏州甲科技有限公司' };
const OTHER = { id: 9, name: '南京某研究院' };
const prof = (over: Partial<ExpertTies> = {}): ExpertTies => ({ name: '王教授', userId: 50, org: SUDA, avoid: [], ...over });
const app = (over: Partial<ApplicationParties> = {}): ApplicationParties => ({ applicant: FIRM, applicantUserId: 20, partners: [], ...over });

describe('conflicts of interest between an expert and an application', () => {
  it('no tie, no conflict', () => {
    expect(expertConflict(prof(), app())).toBeNull();
    expect(expertConflict(prof({ org: null }), app({ partners: [{ orgId: SUDA.id, name: SUDA.name }] }))).toBeNull();
  });

  it('the affiliation is the applicant', () => {
    expect(expertConflict(prof({ org: FIRM }), app())).toEqual({ party: FIRM.name, message: '专家王教授的所属单位是申报单位“苏州甲科技有限公司”，须回避' });
  });

  it('the expert filed the application', () => {
    expect(expertConflict(prof({ userId: 20 }), app())?.message).toBe('专家王教授是本申报的申报人，不能评审自己的申报');
    expect(expertConflict(prof({ userId: null }), app({ applicantUserId: null }))).toBeNull();
  });

  it('a partner named by organisation id: compared by id, whatever its text says', () => {
    expect(expertConflict(prof(), app({ partners: [{ orgId: OTHER.id, name: OTHER.name }, { orgId: SUDA.id, name: '苏大' }] }))).toEqual({
      party: '苏大',
      message: '专家王教授的所属单位“苏州大学”是本申报的合作单位，须回避',
    });
    // an id that is another organisation's does not match by name
    expect(expertConflict(prof(), app({ partners: [{ orgId: OTHER.id, name: '苏州大学' }] }))).toBeNull();
  });

  it('a partner named only by text: compared by its exact normalised name', () => {
    expect(expertConflict(prof(), app({ partners: [{ orgId: null, name: ' 苏州 大学 ' }] }))?.party).toBe(' 苏州 大学 ');
    expect(expertConflict(prof({ org: { id: 8, name: '中科院苏州纳米所（SINANO）' } }), app({ partners: [{ orgId: null, name: '中科院苏州纳米所(sinano)' }] }))).not.toBeNull();
    // no fuzzy matching: a hospital of the university is another organisation
    expect(expertConflict(prof(), app({ partners: [{ orgId: null, name: '苏州大学附属第一医院' }] }))).toBeNull();
    expect(expertConflict(prof(), app({ partners: [{ orgId: null, name: '   ' }] }))).toBeNull();
  });

  it('the avoid list (回避单位) counts like the affiliation, for the applicant and the partners', () => {
    const former = prof({ org: OTHER, avoid: [FIRM] });
    expect(expertConflict(former, app())?.message).toBe('专家王教授的回避单位是申报单位“苏州甲科技有限公司”，须回避');
    const spouse = prof({ org: null, avoid: [SUDA] });
    expect(expertConflict(spouse, app({ partners: [{ orgId: null, name: '苏州大学' }] }))?.message).toBe('专家王教授的回避单位“苏州大学”是本申报的合作单位，须回避');
  });

  it('the applicant comes first, then the filer, then the partners in order', () => {
    const both = prof({ org: FIRM, avoid: [SUDA], userId: 20 });
    expect(expertConflict(both, app({ partners: [{ orgId: SUDA.id, name: SUDA.name }] }))?.party).toBe(FIRM.name);
    expect(expertConflict(prof({ avoid: [OTHER] }), app({ partners: [{ orgId: OTHER.id, name: OTHER.name }, { orgId: SUDA.id, name: SUDA.name }] }))?.party).toBe(OTHER.name);
  });

  it('normalises full-width forms, whitespace and Latin case only', () => {
    expect(normaliseOrgName('ＡＢＣ 大学（苏州）')).toBe('abc大学(苏州)');
    expect(normaliseOrgName('苏州大学')).not.toBe(normaliseOrgName('苏州大學'));
  });
});
