import { describe, expect, it } from 'vitest';
import { legalActions, offeredActions } from './moves.js';

describe('pipeline moves offered on the board', () => {
  it('follows the server\'s table of legal moves', () => {
    expect(legalActions('recommended')).toEqual(['contact', 'decline', 'terminate']);
    expect(legalActions('contacted')).toEqual(['negotiate', 'decline', 'terminate']);
    expect(legalActions('negotiating')).toEqual(['sign', 'decline', 'terminate']);
    expect(legalActions('signed')).toEqual(['convert', 'terminate']);
    expect(legalActions('converted')).toEqual([]);
    expect(legalActions('terminated')).toEqual([]);
    expect(legalActions('unknown')).toEqual([]);
  });

  it('offers 拒绝 to the parties and 终止 to brokers and officials', () => {
    expect(offeredActions('recommended', true)).toEqual(['contact', 'decline']);
    expect(offeredActions('recommended', false)).toEqual(['contact', 'terminate']);
    // after signing a party can no longer decline; it may still end the match
    expect(offeredActions('signed', true)).toEqual(['convert', 'terminate']);
    expect(offeredActions('converted', true)).toEqual([]);
  });
});
