/** The policy an item implements, shown only when it is not Suzhou's 19 measures (a district's top-up, say). */
import { Tag, Tooltip } from 'antd';
import { DEFAULT_POLICY, usePolicies } from '../lib/policies.js';

export function PolicyTag({ code }: { code: string | undefined }) {
  const policies = usePolicies();
  if (!code || code === DEFAULT_POLICY) return null;
  const title = policies.items.find((p) => p.code === code)?.title ?? code;
  return (
    <Tooltip title={title}>
      <Tag color="purple" data-testid="policy-tag" style={{ marginInlineEnd: 0, maxWidth: '100%', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
        {title}
      </Tag>
    </Tooltip>
  );
}
