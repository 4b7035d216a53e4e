import type { BlacklistPerson } from '@cityhealth/shared-types';
import { Badge, Button, Table } from 'antd';
import type { ColumnsType, TablePaginationConfig } from 'antd/es/table';
import { emptyText as emptyState } from '../../components/empty-text';

export const dateTime = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' }) : '—';

interface Props {
  items: BlacklistPerson[];
  loading: boolean;
  emptyText: string;
  pagination: TablePaginationConfig | false;
  onOpen: (person: BlacklistPerson) => void;
}

/** People as the blacklist lists them (masked): suspended until when, their recent no-shows. */
export function PeopleTable({ items, loading, emptyText, pagination, onOpen }: Props) {
  const columns: ColumnsType<BlacklistPerson> = [
    { title: '姓名', dataIndex: 'nameMasked', fixed: 'left' },
    { title: '身份证号', dataIndex: 'idMasked' },
    { title: '手机号', dataIndex: 'phoneMasked' },
    {
      title: '状态',
      key: 'state',
      render: (_, p) =>
        p.suspended ? (
          <Badge status="error" text={`暂停预约至 ${dateTime(p.blacklistedUntil)}`} />
        ) : (
          <Badge status="success" text="可预约" />
        ),
    },
    { title: '近期爽约', dataIndex: 'recentNoShows', align: 'right', render: (n: number) => `${n} 次` },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, p) => (
        <Button type="link" size="small" onClick={() => onOpen(p)} aria-label={`查看 ${p.nameMasked} 的详情`}>
          详情
        </Button>
      ),
    },
  ];
  return (
    <Table<BlacklistPerson>
      rowKey="personId"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={pagination}
      locale={{ emptyText: emptyState(emptyText) }}
    />
  );
}
