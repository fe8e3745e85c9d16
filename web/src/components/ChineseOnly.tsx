/**
 * Text the platform generates (explanations, grades, item titles, clause quotations, reasons) is
 * written in Chinese only. In English mode a small note says so on the pages that show such text
 * (政策库与计算器, 科创指数, 申报与兑现), instead of leaving the Chinese unexplained; in Chinese mode
 * nothing shows.
 */
import { Tag } from 'antd';
import { useI18n } from '../lib/i18n.js';

export function ChineseOnly() {
  const { lang } = useI18n();
  if (lang !== 'en') return null;
  return (
    <div style={{ marginBottom: 12 }}>
      <Tag style={{ whiteSpace: 'normal' }} data-testid="chinese-only">
        此内容仅提供中文 / Chinese only: explanations, grades and item titles are generated in Chinese.
      </Tag>
    </div>
  );
}
