/**
 * Recommending (pipeline-service.ts recommendFor): a converted or confidential achievement is recommended from
 * neither side — not to demands when it is published or edited, not to a demand when the demand is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/audit.js';
import type { AuthUser } from '../../src/auth/access.js';
import { recommendFor } from '../../src/market/pipeline-service.js';
import { createAchievement, createDemand, updateAchievement } from '../../src/market/service.js';
import { AchievementInput, AchievementUpdate, DemandInput } from '../../src/shared/market.js';
import { openTestApp, seedFixture, type TestApp } from '../helpers/app.js';
import { achievement, demand } from '../helpers/market.js';

describe('recommending converted and confidential achievements', { timeout: 120_000 }, () => {
  let t: TestApp;
  let inst: AuthUser;
  let ent: AuthUser;

  beforeAll(async () => {
    t = await openTestApp();
    const fx = await seedFixture(t.database);
    inst = { id: fx.users.institution, username: 'institution', displayName: 'institution', role: 'institution', orgId: fx.orgs.uni, departmentCode: null };
    ent = { id: fx.users.enterprise, username: 'enterprise', displayName: 'enterprise', role: 'enterprise', orgId: fx.orgs.a, departmentCode: null };
  });
  afterAll(async () => t?.close());

  const matchesOf = async (achievementId: number) => t.database.db.selectFrom('market_matches').select('demand_id').where('achievement_id', '=', achievementId).execute();

  it('only the unconverted, non-confidential achievement is matched, from either side', async () => {
    const db = t.database.db;
    // (created through the services: no background recommending runs)
    const open = (await createAchievement(db, SYSTEM_ACTOR, inst, AchievementInput.parse(achievement()))).id;
    const secret = (await createAchievement(db, SYSTEM_ACTOR, inst, AchievementInput.parse(achievement({ title: '硅光子光模块自动耦合封装技术（保密）', confidential: true })))).id;
    const done = (await createAchievement(db, SYSTEM_ACTOR, inst, AchievementInput.parse(achievement({ title: '硅光子光模块自动耦合封装工艺（已转化）' })))).id;
    await updateAchievement(db, SYSTEM_ACTOR, inst, done, AchievementUpdate.parse({ ...achievement({ title: '硅光子光模块自动耦合封装工艺（已转化）' }), status: 'converted' }));
    const d = (await createDemand(db, SYSTEM_ACTOR, ent, DemandInput.parse(demand()))).id;

    // from the achievement's side
    expect(await recommendFor(db, SYSTEM_ACTOR, { achievementId: secret })).toBe(0);
    expect(await recommendFor(db, SYSTEM_ACTOR, { achievementId: done })).toBe(0);
    expect(await matchesOf(secret)).toEqual([]);
    expect(await matchesOf(done)).toEqual([]);
    expect(await recommendFor(db, SYSTEM_ACTOR, { achievementId: open })).toBe(1);
    expect(await matchesOf(open)).toEqual([{ demand_id: d }]);

    // from the demand's side
    await db.deleteFrom('market_match_events').execute();
    await db.deleteFrom('market_matches').execute();
    expect(await recommendFor(db, SYSTEM_ACTOR, { demandId: d })).toBe(1);
    expect((await db.selectFrom('market_matches').select('achievement_id').execute()).map((r) => r.achievement_id)).toEqual([open]);
  });
});
