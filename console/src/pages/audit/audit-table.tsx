import type { AuditEntry } from '@cityhealth/shared-types';
import { Table, Typography } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { emptyText as emptyState } from '../../components/empty-text';

const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

const columns: ColumnsType<AuditEntry> = [
  { title: '时间', dataIndex: 'at', fixed: 'left', render: dateTime },
  {
    title: '操作者',
    dataIndex: 'actor',
    render: (a: AuditEntry['actor']) => (
      <>
        {a.name}
        {a.id && (
          <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
            {a.type} · {a.id}
          </Typography.Text>
        )}
      </>
    ),
  },
  { title: '操作', dataIndex: 'action', render: (a: string) => <Typography.Text code>{a}</Typography.Text> },
  {
    title: '对象',
    dataIndex: 'target',
    render: (t: AuditEntry['target']) => (t.type || t.id ? `${t.type ?? ''} ${t.id ?? ''}`.trim() : '—'),
  },
  { title: '来源地址', dataIndex: 'ip', render: (ip: string | null) => ip ?? '—' },
  {
    title: '详情',
    dataIndex: 'detail',
    render: (d: AuditEntry['detail']) =>
      d ? (
        <Typography.Text style={{ display: 'block', maxWidth: 360, fontSize: 12, wordBreak: 'break-all' }}>
          {JSON.stringify(d)}
        </Typography.Text>
      ) : (
        '—'
      ),
  },
];

interface Props {
  items: AuditEntry[];
  loading: boolean;
  pagination: TablePaginationConfig;
}

/** The entries of the trail, newest first (personal data in them is masked by the server). */
export function AuditTable({ items, loading, pagination }: Props) {
  return (
    <Table<AuditEntry>
      rowKey="id"
      size="small"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={pagination}
      locale={{ emptyText: emptyState('没有符合条件的审计记录') }}
    />
  );
}
