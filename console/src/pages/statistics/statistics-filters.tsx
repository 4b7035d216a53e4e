import type { ChannelKey, EditionKey } from '@cityhealth/shared-types';
import {
  EDITION_LABELS,
  EDITIONS,
  ORDER_CHANNEL_LABELS,
  ORDER_CHANNELS,
  UNKNOWN_ORIGIN,
  UNKNOWN_ORIGIN_LABEL,
} from '@cityhealth/shared-types/labels';
import { Card, DatePicker, Form, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useHospitals } from '../../api/use-hospitals';
import { useDepartments } from './use-departments';

/** The contract's limit of one statistics request (StatisticsQuery): 366 days, both ends included. */
const MAX_SPAN_DAYS = 365;

export interface StatisticsFilter {
  range: [Dayjs, Dayjs];
  hospitalId?: string;
  departmentId?: string;
  channel?: ChannelKey;
  edition?: EditionKey;
}

const CHANNEL_OPTIONS = [
  ...ORDER_CHANNELS.map((c) => ({ value: c as ChannelKey, label: ORDER_CHANNEL_LABELS[c] })),
  { value: UNKNOWN_ORIGIN as ChannelKey, label: UNKNOWN_ORIGIN_LABEL },
];
const EDITION_OPTIONS = [
  ...EDITIONS.map((e) => ({ value: e as EditionKey, label: EDITION_LABELS[e] })),
  { value: UNKNOWN_ORIGIN as EditionKey, label: UNKNOWN_ORIGIN_LABEL },
];

/** 统计分析's filter bar: dates, and hospital (the commission only), department, channel, edition. */
export function StatisticsFilters({
  value,
  onChange,
  ownHospital,
}: {
  value: StatisticsFilter;
  onChange: (f: StatisticsFilter) => void;
  /** The hospital of a hospital's staff member (the server scopes them); null for the commission. */
  ownHospital: { id: string; name: string } | null;
}) {
  const hospitals = useHospitals(ownHospital === null);
  const departments = useDepartments(ownHospital?.id ?? value.hospitalId);
  const set = (patch: Partial<StatisticsFilter>) => onChange({ ...value, ...patch });
  return (
    <Card className="console-filters">
      <Form layout="inline" aria-label="统计筛选条件">
        <Form.Item label="统计日期" htmlFor="statistics-range">
          <DatePicker.RangePicker
            id={{ start: 'statistics-range', end: 'statistics-range-end' }}
            value={value.range}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && set({ range: [v[0], v[1]] })}
            disabledDate={(d, info) =>
              d.isAfter(dayjs(), 'day') || (info.from ? Math.abs(d.diff(info.from, 'day')) > MAX_SPAN_DAYS : false)
            }
          />
        </Form.Item>
        {ownHospital === null && (
          <Form.Item label="医院" htmlFor="statistics-hospital">
            <Select<string | undefined>
              id="statistics-hospital"
              style={{ width: 220 }}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部医院"
              loading={hospitals.loading}
              value={value.hospitalId}
              onChange={(hospitalId) => set({ hospitalId, departmentId: undefined })}
              options={hospitals.options}
            />
          </Form.Item>
        )}
        <Form.Item label="科室" htmlFor="statistics-department">
          <Select<string | undefined>
            id="statistics-department"
            style={{ width: 200 }}
            allowClear
            showSearch
            optionFilterProp="label"
            disabled={!ownHospital && !value.hospitalId}
            placeholder={ownHospital || value.hospitalId ? '全部科室' : '先选择医院'}
            loading={departments.loading}
            value={value.departmentId}
            onChange={(departmentId) => set({ departmentId })}
            options={departments.options}
          />
        </Form.Item>
        <Form.Item label="渠道" htmlFor="statistics-channel">
          <Select<ChannelKey | undefined>
            id="statistics-channel"
            style={{ width: 150 }}
            allowClear
            placeholder="全部渠道"
            value={value.channel}
            onChange={(channel) => set({ channel })}
            options={CHANNEL_OPTIONS}
          />
        </Form.Item>
        <Form.Item label="版本" htmlFor="statistics-edition">
          <Select<EditionKey | undefined>
            id="statistics-edition"
            style={{ width: 120 }}
            allowClear
            placeholder="全部版本"
            value={value.edition}
            onChange={(edition) => set({ edition })}
            options={EDITION_OPTIONS}
          />
        </Form.Item>
      </Form>
      {ownHospital && (
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
          仅统计 {ownHospital.name} 的数据
        </Typography.Text>
      )}
    </Card>
  );
}
