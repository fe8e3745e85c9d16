import { describe, expect, it } from 'vitest';
import { highlightRanges, highlightSegments } from './highlight.js';

const marked = (text: string, terms: string[]) =>
  highlightSegments(text, terms)
    .map((s) => (s.hit ? `[${s.text}]` : s.text))
    .join('');

describe('search highlighting', () => {
  it('marks every occurrence of each matched token', () => {
    expect(marked('硅光子光模块自动耦合封装技术，提高硅光子器件良率', ['硅光子', '封装'])).toBe('[硅光子]光模块自动耦合[封装]技术，提高[硅光子]器件良率');
  });

  it('gives the text back unchanged, markup included, as plain pieces', () => {
    const text = '<script>alert(1)</script> 硅光子';
    const segments = highlightSegments(text, ['硅光子', 'script']);
    expect(segments.map((s) => s.text).join('')).toBe(text);
    expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual(['script', 'script', '硅光子']);
  });

  it('matches the tokenizer\'s normalised, lower-cased tokens in the original spelling', () => {
    expect(marked('适用于400G/800G光模块', ['400g', '800g'])).toBe('适用于[400G]/[800G]光模块');
    expect(marked('ＡＩ芯片与AI 算法', ['ai'])).toBe('[ＡＩ]芯片与[AI] 算法');
  });

  it('matches Latin tokens as whole words only, Chinese anywhere', () => {
    expect(marked('blockchain and AI', ['ai'])).toBe('blockchain and [AI]');
    expect(marked('光模块封装', ['模块'])).toBe('光[模块]封装');
  });

  it('prefers the longer of overlapping tokens and merges touching matches', () => {
    expect(marked('光子芯片', ['光子', '光子芯片'])).toBe('[光子芯片]');
    expect(highlightRanges('光模块封装', ['光模块', '封装'])).toEqual([[0, 5]]);
  });

  it('leaves text without matches, empty terms and punctuation alone', () => {
    expect(highlightSegments('无关文本', ['硅光子'])).toEqual([{ text: '无关文本', hit: false }]);
    expect(highlightSegments('', ['a'])).toEqual([{ text: '', hit: false }]);
    expect(marked('a.b', ['.', ''])).toBe('a.b');
  });
});
