import { DownloadOutlined, SyncOutlined } from '@ant-design/icons';
import {
  PAY_CHANNEL_LABELS,
  PAY_CHANNELS,
  RECONCILE_OUTCOME_LABELS,
  RECONCILE_OUTCOMES,
} from '@cityhealth/shared-types/labels';
import { Alert, Button, Card, DatePicker, Flex, Form, Segmented, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { useAnswer } from '../../api/use-answer';
import { callOperation, operationUrl } from '../../api/client';
import { useHospitals } from '../../api/use-hospitals';
import { roleMay } from '../../navigation';
import { useStaffSession } from '../../session/session-context';
import { DailyChart } from './daily-chart';
import { type LineOutcomeFilter, LinesTable } from './lines-table';
import { RunDialog } from './run-dialog';
import { type GroupBy, summarize } from './summaries';
import { SummaryTable } from './summary-table';
import { PageTitle } from '../../components/page-title';

type Channel = (typeof PAY_CHANNELS)[number];
/** The contract's limit of one query (ReconciliationQuery): 93 days, both ends included. */
const MAX_SPAN_DAYS = 92;
const DAY = 'YYYY-MM-DD';

const OUTCOME_OPTIONS: { value: LineOutcomeFilter; label: string }[] = [
  { value: 'discrepancies', label: '仅差异' },
  { value: 'all', label: '全部明细' },
  ...RECONCILE_OUTCOMES.map((o) => ({ value: o, label: RECONCILE_OUTCOME_LABELS[o] })),
];

/** 对账: the channels' bills against the platform's records, by day, channel or hospital, and a day's lines. */
export default function ReconciliationPage() {
  const { staff } = useStaffSession();
  // Hospital staff see only their own hospital (the server scopes them); the commission may pick one.
  const seesAllHospitals = staff.hospital === null;
  const hospitals = useHospitals(seesAllHospitals);
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs().subtract(7, 'day'), dayjs().subtract(1, 'day')]);
  const [channel, setChannel] = useState<Channel | undefined>();
  const [hospitalId, setHospitalId] = useState<string | undefined>();
  const [groupBy, setGroupBy] = useState<GroupBy>('day');
  const [day, setDay] = useState<Dayjs>(() => dayjs().subtract(1, 'day'));
  const [outcome, setOutcome] = useState<LineOutcomeFilter>('discrepancies');
  const [revision, setRevision] = useState(0);
  const [running, setRunning] = useState(false);

  const from = range[0].format(DAY);
  const to = range[1].format(DAY);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision (after a run) reads again
  const loadSummaries = useCallback(
    () => callOperation('reconciliations', { query: { from, to, channel, hospitalId } }),
    [from, to, channel, hospitalId, revision],
  );
  const summaries = useAnswer(loadSummaries);
  const { loading, error } = summaries;
  const items = useMemo(() => summaries.data?.items ?? [], [summaries.data]);

  const rows = useMemo(() => summarize(items, groupBy), [items, groupBy]);
  const dayRows = useMemo(() => summarize(items, 'day'), [items]);
  const date = day.format(DAY);
  const csvUrl = operationUrl('reconciliationCsv', { params: { date }, query: { channel, hospitalId } });

  return (
    <>
      <Flex className="console-page-head" justify="space-between" align="center" wrap gap={12}>
        <PageTitle>对账</PageTitle>
        {roleMay(staff.role, 'runReconciliation') && (
          <Button icon={<SyncOutlined />} onClick={() => setRunning(true)}>
            重新对账
          </Button>
        )}
      </Flex>
      <Card className="console-filters">
        <Form layout="inline" aria-label="对账筛选条件">
          <Form.Item label="账单日期" htmlFor="reconcile-range">
            <DatePicker.RangePicker
              id={{ start: 'reconcile-range', end: 'reconcile-range-end' }}
              value={range}
              allowClear={false}
              onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])}
              disabledDate={(d, info) =>
                !d.isBefore(dayjs(), 'day') || (info.from ? Math.abs(d.diff(info.from, 'day')) > MAX_SPAN_DAYS : false)
              }
            />
          </Form.Item>
          <Form.Item label="支付渠道" htmlFor="reconcile-channel">
            <Select<Channel | undefined>
              id="reconcile-channel"
              style={{ width: 150 }}
              allowClear
              placeholder="全部渠道"
              value={channel}
              onChange={setChannel}
              options={PAY_CHANNELS.map((c) => ({ value: c, label: PAY_CHANNEL_LABELS[c] }))}
            />
          </Form.Item>
          {seesAllHospitals && (
            <Form.Item label="医院" htmlFor="reconcile-hospital">
              <Select<string | undefined>
                id="reconcile-hospital"
                style={{ width: 240 }}
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder="全部医院"
                loading={hospitals.loading}
                value={hospitalId}
                onChange={setHospitalId}
                options={hospitals.options}
              />
            </Form.Item>
          )}
        </Form>
        {!seesAllHospitals && (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
            仅显示 {staff.hospital?.name} 的对账结果
          </Typography.Text>
        )}
      </Card>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Card
        title="对账汇总"
        style={{ marginBottom: 16 }}
        extra={
          <Segmented<GroupBy>
            aria-label="汇总方式"
            value={groupBy}
            onChange={setGroupBy}
            options={[
              { value: 'day', label: '按日' },
              { value: 'channel', label: '按渠道' },
              { value: 'hospital', label: '按医院' },
            ]}
          />
        }
      >
        {groupBy === 'day' && dayRows.length > 1 && <DailyChart rows={dayRows} />}
        <SummaryTable
          rows={rows}
          groupBy={groupBy}
          loading={loading}
          onShowDay={(d) => {
            setDay(dayjs(d));
            document.getElementById('reconcile-lines')?.scrollIntoView({ behavior: 'smooth' });
          }}
        />
      </Card>
      <Card
        id="reconcile-lines"
        title={`${date} 对账明细`}
        extra={
          <Space wrap>
            <DatePicker
              aria-label="明细日期"
              value={day}
              allowClear={false}
              onChange={(d) => d && setDay(d)}
              disabledDate={(d) => !d.isBefore(dayjs(), 'day')}
            />
            <Select<LineOutcomeFilter>
              aria-label="明细结果"
              style={{ width: 190 }}
              value={outcome}
              onChange={setOutcome}
              options={OUTCOME_OPTIONS}
            />
            <Button icon={<DownloadOutlined />} href={csvUrl} download>
              下载 CSV
            </Button>
          </Space>
        }
      >
        <LinesTable date={date} channel={channel} hospitalId={hospitalId} outcome={outcome} revision={revision} />
      </Card>
      <RunDialog
        open={running}
        initialDate={day}
        onClose={() => setRunning(false)}
        onDone={(d) => {
          setRunning(false);
          setDay(dayjs(d));
          if (d < from || d > to) setRange([dayjs(d).subtract(6, 'day'), dayjs(d)]);
          setRevision((r) => r + 1);
        }}
      />
    </>
  );
}
