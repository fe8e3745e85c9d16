/** A short list inside a card: the load error in its place, or a small unpaged table with a plain empty state. */
import { Empty, Table, type TableProps } from 'antd';
import type { Items } from '../lib/types.js';
import type { ApiState } from '../lib/useApi.js';
import { ErrorState } from './ErrorState.js';

type Props<T> = Omit<TableProps<T>, 'dataSource' | 'loading' | 'pagination' | 'locale' | 'size'> & {
  state: ApiState<Items<T>>;
  /** Shown when the list is empty. */
  empty: string;
};

export function CardTable<T extends object>({ state, empty, ...table }: Props<T>) {
  const { data, error, loading, reload } = state;
  if (error) return <ErrorState error={error} onRetry={reload} />;
  return (
    <Table<T>
      size="small"
      {...table}
      dataSource={data?.items ?? []}
      loading={loading}
      pagination={false}
      locale={{ emptyText: loading ? ' ' : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} /> }}
    />
  );
}
