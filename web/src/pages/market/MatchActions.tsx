/** The moves a viewer may make on a match, as buttons; each opens the move dialog. */
import { Button, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../lib/i18n.js';
import { isMatchParty } from '../../lib/permissions.js';
import { useMe } from '../../lib/session.js';
import { actionLabel } from './labels.js';
import { MoveModal } from './MoveModal.js';
import { offeredActions, type Action } from './moves.js';
import type { PipelineMatch } from './types.js';

const DANGER: readonly Action[] = ['decline', 'terminate'];

export function MatchActions({ match, onChanged, size = 'small' }: { match: Pick<PipelineMatch, 'id' | 'stage' | 'demandTitle' | 'achievementTitle' | 'demandOrgId' | 'achievementOrgId'>; onChanged: () => void; size?: 'small' | 'middle' }) {
  const { t } = useI18n();
  const me = useMe();
  const [action, setAction] = useState<Action | null>(null);
  const actions = offeredActions(match.stage, isMatchParty(me, match));
  if (actions.length === 0) return null;
  return (
    <>
      <Space size={4} wrap>
        {actions.map((a) => (
          <Button key={a} size={size} type={DANGER.includes(a) ? 'default' : 'primary'} danger={DANGER.includes(a)} ghost={!DANGER.includes(a) && size === 'small'} onClick={() => setAction(a)} data-testid={`match-action-${a}`}>
            {actionLabel(t, a)}
          </Button>
        ))}
      </Space>
      {action ? (
        <MoveModal
          match={match}
          action={action}
          onClose={() => setAction(null)}
          onMoved={() => {
            setAction(null);
            onChanged();
          }}
          onConflict={onChanged}
        />
      ) : null}
    </>
  );
}
