import type { ReconciliationLine, ResponseOf } from '@cityhealth/shared-types';
import { PAY_CHANNEL_LABELS, RECONCILE_OUTCOME_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { yuan } from '../../components/money';
import type { Outcome } from './summaries';

export type LineOutcomeFilter = Outcome | 'all' | 'discrepancies';

interface Props {
  date: string;
  channel?: ReconciliationLine['channel'];
  hospitalId?: string;
  outcome: LineOutcomeFilter;
  /** Changes after a new reconciliation run, so the lines are read again. */
  revision: number;
}

const PAGE_SIZE = 20;

const columns: ColumnsType<ReconciliationLine> = [
  {
    title: '结果',
    dataIndex: 'outcome',
    fixed: 'left',
    render: (o: Outcome) => <Tag color={o === 'matched' ? 'success' : 'error'}>{RECONCILE_OUTCOME_LABELS[o]}</Tag>,
  },
  { title: '渠道', dataIndex: 'channel', render: (c: ReconciliationLine['channel']) => PAY_CHANNEL_LABELS[c] },
  { title: '医院', dataIndex: 'hospital', render: (h: ReconciliationLine['hospital']) => h?.name ?? '未归属医院' },
  { title: '类型', dataIndex: 'kind', render: (k: ReconciliationLine['kind']) => (k === 'payment' ? '支付' : '退款') },
  { title: '商户订单号', dataIndex: 'outTradeNo' },
  { title: '渠道订单号', dataIndex: 'channelTradeNo', render: (v: string | null) => v ?? '—' },
  { title: '商户退款单号', dataIndex: 'outRefundNo', render: (v: string | null) => v ?? '—' },
  {
    title: '平台金额',
    dataIndex: 'ourAmountFen',
    align: 'right',
    render: (f: number | null) => <span className="console-money">{yuan(f)}</span>,
  },
  {
    title: '渠道金额',
    dataIndex: 'channelAmountFen',
    align: 'right',
    render: (f: number | null) => <span className="console-money">{yuan(f)}</span>,
  },
  {
    title: '手续费',
    dataIndex: 'feeFen',
    align: 'right',
    render: (f: number | null) => <span className="console-money">{yuan(f)}</span>,
  },
  { title: '平台状态', dataIndex: 'ourStatus', render: (v: string | null) => v ?? '—' },
  { title: '渠道状态', dataIndex: 'channelStatus', render: (v: string | null) => v ?? '—' },
];

const lineKey = (l: ReconciliationLine) => `${l.channel}:${l.kind}:${l.outTradeNo}:${l.outRefundNo ?? ''}`;

/** The lines of one bill day, page by page from the server (by default the discrepancies only). */
export function LinesTable({ date, channel, hospitalId, outcome, revision }: Props) {
  const [page, setPage] = useState(1);
  const [answer, setAnswer] = useState<ResponseOf<'reconciliationLines'> | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter or run starts again at page 1
  useEffect(() => setPage(1), [date, channel, hospitalId, outcome, revision]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision (after a run) reads again
  useEffect(() => {
    let live = true;
    setLoading(true);
    callOperation('reconciliationLines', {
      params: { date },
      query: { page, pageSize: PAGE_SIZE, channel, hospitalId, outcome },
    }).then(
      (a) => {
        if (!live) return;
        setAnswer(a);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [date, channel, hospitalId, outcome, page, revision]);

  return (
    <>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 12 }} />}
      <Table<ReconciliationLine>
        rowKey={lineKey}
        size="small"
        columns={columns}
        dataSource={answer?.items ?? []}
        loading={loading}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: outcome === 'discrepancies' ? '该日没有差异明细' : '该日没有符合条件的明细' }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: answer?.total ?? 0,
          showSizeChanger: false,
          showTotal: (total) => `共 ${total} 条`,
          onChange: setPage,
        }}
      />
    </>
  );
}
