import type { ReconciliationLine } from '@cityhealth/shared-types';
import { PAY_CHANNEL_LABELS, RECONCILE_OUTCOME_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useState } from 'react';
import { useAnswer } from '../../api/use-answer';
import { callOperation } from '../../api/client';
import { yuan } from '../../components/money';
import type { Outcome } from './summaries';
import { emptyText } from '../../components/empty-text';

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
  { title: '医院', dataIndex: 'hospital', render: (h: ReconciliationLine['hospital']) => h?.name ?? '非本平台' },
  { title: '类型', dataIndex: 'kind', render: (k: ReconciliationLine['kind']) => (k === 'payment' ? '支付' : '退款') },
  {
    title: '商户单号',
    key: 'numbers',
    render: (_, l) => (
      <>
        {l.outTradeNo}
        {l.outRefundNo && <div className="console-subline">退款 {l.outRefundNo}</div>}
      </>
    ),
  },
  {
    title: '渠道单号',
    key: 'channelNumbers',
    render: (_, l) => (
      <>
        {l.channelTradeNo ?? '—'}
        {l.channelRefundNo && <div className="console-subline">退款 {l.channelRefundNo}</div>}
      </>
    ),
  },
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
  {
    title: '状态（平台 / 渠道）',
    key: 'states',
    render: (_, l) => `${l.ourStatus ?? '—'} / ${l.channelStatus ?? '—'}`,
  },
];

const lineKey = (l: ReconciliationLine) => `${l.channel}:${l.kind}:${l.outTradeNo}:${l.outRefundNo ?? ''}`;

/** The lines of one bill day, page by page from the server (by default the discrepancies only). */
export function LinesTable({ date, channel, hospitalId, outcome, revision }: Props) {
  const [page, setPage] = useState(1);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new filter or run starts again at page 1
  useEffect(() => setPage(1), [date, channel, hospitalId, outcome, revision]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision (after a run) reads again
  const loadLines = useCallback(
    () =>
      callOperation('reconciliationLines', {
        params: { date },
        query: { page, pageSize: PAGE_SIZE, channel, hospitalId, outcome },
      }),
    [date, channel, hospitalId, outcome, page, revision],
  );
  const { data: answer, loading, error } = useAnswer(loadLines);

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
        locale={{ emptyText: emptyText(outcome === 'discrepancies' ? '该日没有差异明细' : '该日没有符合条件的明细') }}
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
