import { RECONCILE_OUTCOME_LABELS, RECONCILE_OUTCOMES } from '@cityhealth/shared-types/labels';
import { Button, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { yuan } from '../../components/money';
import type { GroupBy, SummaryRow } from './summaries';

const GROUP_TITLES: Record<GroupBy, string> = { day: '账单日期', channel: '支付渠道', hospital: '医院' };

const money = (title: string, key: keyof SummaryRow) => ({
  title,
  dataIndex: key,
  align: 'right' as const,
  render: (fen: number) => <span className="console-money">{yuan(fen)}</span>,
});

interface Props {
  rows: SummaryRow[];
  groupBy: GroupBy;
  loading: boolean;
  /** Day rows only: open that day's discrepancy lines. */
  onShowDay?: (date: string) => void;
}

/** The summaries added up by day, channel or hospital: how many lines had each outcome, and the amounts. */
export function SummaryTable({ rows, groupBy, loading, onShowDay }: Props) {
  const columns: ColumnsType<SummaryRow> = [
    { title: GROUP_TITLES[groupBy], dataIndex: 'label', fixed: 'left', width: 140 },
    ...RECONCILE_OUTCOMES.map((outcome) => ({
      title: RECONCILE_OUTCOME_LABELS[outcome],
      key: outcome,
      align: 'right' as const,
      render: (_: unknown, row: SummaryRow) => {
        const n = row.counts[outcome];
        if (outcome === 'matched' || n === 0) return n;
        return <Tag color="error">{n}</Tag>;
      },
    })),
    money('平台收款', 'ourPaidFen'),
    money('渠道收款', 'channelPaidFen'),
    money('平台退款', 'ourRefundedFen'),
    money('渠道退款', 'channelRefundedFen'),
    money('手续费', 'feeFen'),
  ];
  if (groupBy === 'day' && onShowDay)
    columns.push({
      title: '操作',
      key: 'action',
      fixed: 'right',
      width: 110,
      render: (_, row) => (
        <Button type="link" size="small" onClick={() => onShowDay(row.key)} aria-label={`查看 ${row.key} 的明细`}>
          查看明细
        </Button>
      ),
    });
  return (
    <Table<SummaryRow>
      rowKey="key"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={rows.length > 31 ? { pageSize: 31, showSizeChanger: false } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: '所选期间没有对账结果（渠道账单每日对账后在此显示）' }}
    />
  );
}
