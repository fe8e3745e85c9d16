/**
 * 我的待办 (GET /api/todo): what waits for the signed-in user, counted by the server from live data for their role;
 * each entry links to the page to act (the piece of work itself when there is only one). Reloaded whenever the home
 * page is shown, so a count drops once the work is done.
 */
import { Badge, Card, Empty, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoading } from '../../components/PageLoading.js';
import { useI18n } from '../../lib/i18n.js';
import type { MessageKey } from '../../lib/messages.js';
import { messages } from '../../lib/messages.js';
import { useApi } from '../../lib/useApi.js';
import type { TodoList } from '../../../../src/shared/todo.js';

const COLOR = { info: '#1677ff', warning: '#fa8c16', danger: '#ff4d4f' } as const;

export function TodoCard() {
  const { t } = useI18n();
  const todo = useApi<TodoList>('/todo');
  const entries = todo.data?.entries ?? [];
  const title = (kind: string, fallback: string, link: string) => {
    // The calendar entry names its year (in its link: /admin/calendar?year=2027).
    if (kind === 'calendar_missing') {
      const year = /[?&]year=(\d{4})/.exec(link)?.[1];
      return year ? t('home.todo.calendarMissing', { year }) : fallback;
    }
    const key = `home.todo.kind.${kind}`;
    return key in messages.zh ? t(key as MessageKey) : fallback;
  };
  return (
    <Card title={t('home.todo.title')} style={{ marginBottom: 24 }} data-testid="todo-card">
      {todo.error && !todo.data ? (
        <ErrorState error={todo.error} onRetry={todo.reload} />
      ) : !todo.data ? (
        <PageLoading />
      ) : entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.todo.empty')} data-testid="todo-empty" />
      ) : (
        <>
          <List
            size="small"
            dataSource={entries}
            renderItem={(e) => (
              <List.Item key={e.kind}>
                <Link to={e.link} data-testid={`todo-${e.kind}`} data-count={e.count} style={{ display: 'flex', alignItems: 'center', gap: 12, width: '100%', minWidth: 0 }}>
                  <Badge count={e.count} overflowCount={9999} color={COLOR[e.severity ?? 'info']} />
                  <span style={{ overflowWrap: 'anywhere' }}>
                    {title(e.kind, e.title, e.link)}
                    {e.subjects?.length ? `${t('home.todo.subjectsSep')}${e.subjects.join(t('home.todo.subjectsJoin'))}${e.count > e.subjects.length ? t('home.todo.subjectsMore', { n: e.count }) : ''}` : ''}
                  </span>
                </Link>
              </List.Item>
            )}
          />
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('home.todo.hint')}
          </Typography.Paragraph>
        </>
      )}
    </Card>
  );
}
