import { describe, expect, it } from 'vitest';
import { ACTION_LABEL, ACTIONS, END_REASONS, STAGE_LABEL, STAGES } from '../../../../src/market/pipeline.js';
import { CONVERSION_MODES, TRL_LEVELS } from '../../../../src/shared/market.js';
import { messages, type MessageKey } from '../../lib/messages.js';
import { matchStrength } from './labels.js';

const zh = messages.zh as Record<string, string>;
const en = messages.en as Record<string, string>;

describe('the market\'s words match the server\'s', () => {
  it('TRL definitions are the shared TRL_LEVELS, each with an English twin', () => {
    for (const [level, text] of Object.entries(TRL_LEVELS)) {
      expect(zh[`market.trl.${level}`]).toBe(text);
      expect(en[`market.trl.${level}`]).toBeTruthy();
    }
  });

  it('stages, actions and end reasons are those of src/market/pipeline.ts', () => {
    for (const s of STAGES) expect(zh[`market.stage.${s}`]).toBe(STAGE_LABEL[s]);
    for (const a of ACTIONS) expect(zh[`market.action.${a}`]).toBe(ACTION_LABEL[a]);
    for (const [code, text] of Object.entries(END_REASONS)) expect(zh[`market.endReason.${code}`]).toBe(text);
  });

  it('every conversion mode has a label in both languages', () => {
    for (const m of CONVERSION_MODES) {
      expect(zh[`market.mode.${m}` as MessageKey]).toBeTruthy();
      expect(en[`market.mode.${m}` as MessageKey]).toBeTruthy();
    }
  });
});

describe('match scores in words', () => {
  it('高 from 0.6, 中 from the recommendation floor, 低 below', () => {
    expect([0.21, 0.4499, 0.45, 0.5999, 0.6, 0.93].map(matchStrength)).toEqual(['low', 'low', 'mid', 'mid', 'high', 'high']);
  });
});
