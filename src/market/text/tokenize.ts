/**
 * Chinese text to search tokens: jieba (@node-rs/jieba, its default dictionary plus
 * the platform's domain dictionary) in precise mode, then lower-cased Latin,
 * without punctuation, single characters and stop words. Tokens are stored
 * space-joined next to the text, so the database's full-text search (the
 * baseline) and the platform's own index see the same tokens.
 */
import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import fs from 'node:fs';

const DOMAIN_DICT = new URL('./domain-dict.txt', import.meta.url);

/** Words that carry no subject: function words and the generic vocabulary of technical writing. */
export const STOP_WORDS = new Set(
  (
    '的 了 和 与 及 或 等 在 对 为 是 有 将 把 被 从 以 于 由 其 该 此 这 那 一种 一个 一套 一批 基于 通过 采用 利用 进行 实现 提供 具有 能够 可以 可 并 且 也 都 而 但 如 如何 以及 以上 以下 之一 相关 方面 方式 方法 技术 问题 需求 需要 研究 开发 应用 领域 产品 系统 我们 我司 公司 企业 目前 现有 主要 进一步 有效 显著 提高 提升 降低 解决 达到 实现了 包括 包含 要求 希望 用于 适用 一直 存在 导致 造成 出现 较 较高 较低 很 更 最 不 没有 无法 不能 ' +
    '方案 成果 引入 面向 团队 开展 围绕 及其 相比 处于 阶段 同时 其中 结果表明 在于 整体 便于 辅以 易于 特点 两项 属于 形成 针对 聚焦 单位 具体 手段 提出 相结合 完整 本发明 综合 一步 共同 普遍存在 遇到 左右 发出 以内 以外 之内 项目 课题组 实验室 国内外 同类 兼顾 依托 涉及 面临 困扰 痛点 难题 难以 实际 简单 不足 现场 其他 各类 多种 若干 显著提高 大幅 明显'
  ).split(/\s+/),
);

let instance: Jieba | null = null;

/** The segmenter, created once with the domain dictionary (and any extra `word freq tag` lines). */
export function segmenter(extra?: string): Jieba {
  if (instance && !extra) return instance;
  const j = Jieba.withDict(dict);
  if (fs.existsSync(DOMAIN_DICT)) j.loadDict(fs.readFileSync(DOMAIN_DICT));
  if (extra) j.loadDict(Buffer.from(extra));
  if (!extra) instance = j;
  return j;
}

const KEEP = /[\p{Script=Han}A-Za-z0-9]/u;
const HAN = /\p{Script=Han}/u;

export function tokenize(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const raw of segmenter().cut(text.normalize('NFKC'), false)) {
    const w = raw.trim().toLowerCase();
    if (!w || !KEEP.test(w)) continue;
    // single Han characters and single Latin letters carry little; numbers alone too
    if ([...w].length < 2 && (HAN.test(w) || /^[a-z0-9]$/.test(w))) continue;
    if (/^\d+(\.\d+)?$/.test(w)) continue;
    if (STOP_WORDS.has(w)) continue;
    out.push(w);
  }
  return out;
}

/** Tokens space-joined, as stored for the database's full-text index. */
export function tokenText(text: string | null | undefined): string {
  return tokenize(text).join(' ');
}
