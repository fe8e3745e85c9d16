/**
 * 去申报: the link the policy calculator shows on an eligible item that needs an application, for
 * enterprise users: the new-application form with the item chosen (/funding/applications/new?itemId=).
 */
import { Button } from 'antd';
import { Link } from 'react-router-dom';
import { useMe } from '../../lib/session.js';
import { newApplicationPath } from './paths.js';
import { useFundingI18n } from './words.js';

export function ApplyLink({ itemId, channel }: { itemId: string; channel: 'application' | 'no_application' | undefined }) {
  const { t } = useFundingI18n();
  const me = useMe();
  if (me.role !== 'enterprise' || channel !== 'application') return null;
  return (
    <Link to={newApplicationPath(itemId)} data-testid={`calc-apply-${itemId}`}>
      <Button size="small" type="primary" ghost>
        {t('funding.calc.apply')}
      </Button>
    </Link>
  );
}
