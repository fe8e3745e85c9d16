import { Flex, Spin } from 'antd';
import { useI18n } from '../lib/i18n.js';

export function PageLoading() {
  const { t } = useI18n();
  return (
    <Flex justify="center" align="center" style={{ minHeight: 240 }}>
      <Spin description={t('common.loading')} size="large">
        <div style={{ width: 120, height: 80 }} />
      </Spin>
    </Flex>
  );
}
