import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../lib/i18n.js';

/** 中文 ⇄ English; the choice is kept in localStorage. */
export function LanguageToggle() {
  const { lang, setLang } = useI18n();
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      onClick={() => setLang(lang === 'zh' ? 'en' : 'zh')}
      aria-label={lang === 'zh' ? 'Switch to English' : '切换到中文'}
      data-testid="lang-toggle"
    >
      {lang === 'zh' ? 'English' : '中文'}
    </Button>
  );
}
