import type { DrawStatistics } from '@cityhealth/shared-types';
import { PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, Card, Descriptions, Table, Typography } from 'antd';
import { useCallback } from 'react';
import { callOperation } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { percentText } from './format';

type Draw = DrawStatistics['draws'][number];

const STATES: Record<Draw['state'], string> = { open: '登记中', deciding: '抽签中', decided: '已开奖' };
const dateTime = (iso: string) => new Date(iso).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });

/** 公平放号: per release with a draw, how many persons entered it and how many won a place, and its seed. */
export function DrawsCard({ from, to, hospitalId }: { from: string; to: string; hospitalId?: string }) {
  const { data, loading, error } = useAnswer(
    useCallback(() => callOperation('drawStatistics', { query: { from, to, hospitalId } }), [from, to, hospitalId]),
  );
  const totals = data?.totals;
  return (
    <Card title="公平放号抽签" style={{ marginBottom: 16 }}>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Descriptions column={3} size="small">
        <Descriptions.Item label="抽签场次">{totals?.draws ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="参与人数">{totals?.entered ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="中签人数">
          {totals ? `${totals.won}（${percentText(totals.entered ? totals.won / totals.entered : null)}）` : '—'}
        </Descriptions.Item>
      </Descriptions>
      <Table<Draw>
        rowKey="scheduleId"
        size="small"
        loading={loading}
        dataSource={data?.draws ?? []}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        columns={[
          { title: '放号时间', dataIndex: 'releaseAt', render: dateTime },
          { title: '医院', render: (_, d) => d.hospital.name },
          { title: '科室', render: (_, d) => d.department.name },
          {
            title: '就诊时段',
            render: (_, d) => `${d.date} ${PERIOD_LABELS[d.period as keyof typeof PERIOD_LABELS] ?? d.period}`,
          },
          { title: '参与', dataIndex: 'entered', align: 'right' },
          { title: '中签', dataIndex: 'won', align: 'right' },
          { title: '状态', dataIndex: 'state', render: (s: Draw['state']) => STATES[s] },
          {
            title: '随机种子',
            dataIndex: 'seed',
            render: (seed: string | null) =>
              seed ? (
                <Typography.Text code copyable={{ text: seed }}>
                  {seed.slice(0, 12)}…
                </Typography.Text>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <Typography.Text type="secondary">
        放号后抽签窗口内提交的预约按随机顺序决定；同一就诊人只计一次。凭随机种子可复核抽签顺序（见
        docs/fair-release.md）。
      </Typography.Text>
    </Card>
  );
}
