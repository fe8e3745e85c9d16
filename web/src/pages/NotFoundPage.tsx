import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../lib/i18n.js';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title={t('error.notFound')}
      subTitle={t('error.pageMissing')}
      extra={
        <Link to="/">
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
