import type { ConsoleSession } from '@cityhealth/shared-types';
import { SCHEDULE_TYPE_LABELS } from '@cityhealth/shared-types/labels';
import { Alert, App, Badge, Button, DatePicker, Flex, Popconfirm, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { StopDialog } from './stop-dialog';
import { ReadableText } from '../../components/readable-text';

/** The contract's longest range (ConsoleSessionQuery): 31 days, both ends included. */
const MAX_SPAN_DAYS = 30;
const DAY = 'YYYY-MM-DD';

/** 出诊安排: a hospital's sessions over a range, with stop (停诊) and resume. */
export function SessionsTab({ hospitalId }: { hospitalId: string | undefined }) {
  const { message } = App.useApp();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs(), dayjs().add(6, 'day')]);
  const [stopping, setStopping] = useState<ConsoleSession | null>(null);

  const from = range[0].format(DAY);
  const to = range[1].format(DAY);
  const listed = useAnswer(
    useCallback(() => callOperation('consoleSessions', { query: { hospitalId, from, to } }), [hospitalId, from, to]),
  );
  const { loading, error, reload: load } = listed;
  const items = listed.data?.items ?? [];

  const resume = async (s: ConsoleSession) => {
    try {
      const r = await callOperation('resumeConsoleSession', { params: { id: s.id } });
      message.success(`已恢复出诊，可预约号源 ${r.freeCount} 个`);
    } catch (e) {
      message.error(messageOf(e));
    }
    load();
  };

  const columns: ColumnsType<ConsoleSession> = [
    { title: '日期', dataIndex: 'date', fixed: 'left' },
    { title: '时段', dataIndex: 'periodLabel' },
    { title: '科室', dataIndex: ['department', 'name'] },
    { title: '医生', dataIndex: 'doctor', render: (d: ConsoleSession['doctor']) => d?.name ?? '普通门诊' },
    { title: '号别', dataIndex: 'type', render: (t: ConsoleSession['type']) => SCHEDULE_TYPE_LABELS[t] },
    { title: '号源', dataIndex: 'capacity' },
    { title: '已约', dataIndex: 'booked' },
    { title: '剩余', dataIndex: 'free' },
    {
      title: '状态',
      dataIndex: 'status',
      render: (s: ConsoleSession['status']) =>
        s === 'open' ? <Badge status="success" text="出诊" /> : <Badge status="error" text="停诊" />,
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, s) =>
        s.status === 'open' ? (
          <Button type="link" size="small" danger onClick={() => setStopping(s)}>
            停诊
          </Button>
        ) : (
          <Popconfirm
            title="恢复出诊？"
            description="无人占用的号源重新开放预约；停诊时取消的预约不会恢复。"
            okText="恢复"
            cancelText="取消"
            onConfirm={() => resume(s)}
          >
            <Button type="link" size="small">
              恢复出诊
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <Flex wrap gap={12} style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          aria-label="出诊日期"
          value={range}
          allowClear={false}
          onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
          disabledDate={(d, info) => (info.from ? Math.abs(d.diff(info.from, 'day')) > MAX_SPAN_DAYS : false)}
        />
      </Flex>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Table<ConsoleSession>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{
          emptyText: (
            <ReadableText>{hospitalId === undefined && error ? '请先选择医院' : '所选日期内没有出诊安排'}</ReadableText>
          ),
        }}
      />
      <StopDialog
        session={stopping}
        onClose={() => setStopping(null)}
        onDone={() => {
          setStopping(null);
          void load();
        }}
      />
    </>
  );
}
