import type { Statistics } from '@cityhealth/shared-types';
import { Card, Descriptions, Table, Tabs } from 'antd';
import { yuan } from '../../components/money';
import { durationText, percentText } from './format';

interface HospitalRow {
  id: string;
  name: string;
  bookings: number;
  feeFen: number;
  released: number;
  soldOut: number;
  averageMs: number | null;
}

/** Every hospital's bookings with its releases (a hospital may release without bookings yet, and the reverse). */
function hospitalRows(s: Statistics): HospitalRow[] {
  const rows = new Map<string, HospitalRow>();
  const row = (id: string, name: string) => {
    const r = rows.get(id) ?? { id, name, bookings: 0, feeFen: 0, released: 0, soldOut: 0, averageMs: null };
    rows.set(id, r);
    return r;
  };
  for (const h of s.byHospital)
    Object.assign(row(h.hospital.id, h.hospital.name), { bookings: h.bookings, feeFen: h.feeFen });
  for (const h of s.sellOut.byHospital)
    Object.assign(row(h.hospital.id, h.hospital.name), {
      released: h.released,
      soldOut: h.soldOut,
      averageMs: h.averageMs,
    });
  return [...rows.values()].sort((a, b) => b.bookings - a.bookings || a.name.localeCompare(b.name, 'zh-CN'));
}

/** The exact numbers behind the charts: per hospital, per day, cancellations and attendance. */
export function FiguresTables({ s, loading }: { s: Statistics; loading: boolean }) {
  const items = [
    {
      key: 'hospitals',
      label: '按医院',
      children: (
        <Table<HospitalRow>
          rowKey="id"
          size="small"
          loading={loading}
          dataSource={hospitalRows(s)}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          locale={{ emptyText: '所选期间没有预约或放号' }}
          columns={[
            { title: '医院', dataIndex: 'name' },
            { title: '预约量', dataIndex: 'bookings', align: 'right' },
            { title: '挂号费', dataIndex: 'feeFen', align: 'right', render: (v: number) => yuan(v) },
            { title: '放号场次', dataIndex: 'released', align: 'right' },
            { title: '约满场次', dataIndex: 'soldOut', align: 'right' },
            {
              title: '平均售罄用时',
              dataIndex: 'averageMs',
              align: 'right',
              render: (v: number | null) => durationText(v),
            },
          ]}
        />
      ),
    },
    {
      key: 'days',
      label: '按日',
      children: (
        <Table
          rowKey="date"
          size="small"
          loading={loading}
          dataSource={s.byDay}
          pagination={{ pageSize: 31, hideOnSinglePage: true }}
          locale={{ emptyText: '所选期间没有预约' }}
          columns={[
            { title: '日期', dataIndex: 'date' },
            { title: '预约量', dataIndex: 'bookings', align: 'right' },
            { title: '挂号费', dataIndex: 'feeFen', align: 'right', render: (v: number) => yuan(v) },
          ]}
        />
      ),
    },
    {
      key: 'outcomes',
      label: '取消与爽约',
      children: (
        <Descriptions column={{ xs: 1, md: 2, xl: 4 }} size="small" bordered>
          <Descriptions.Item label="取消合计">{s.cancellations.total}</Descriptions.Item>
          {s.cancellations.byKind.map((k) => (
            <Descriptions.Item key={k.kind} label={k.label}>
              {k.count}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label="到诊">{s.attendance.arrivals}</Descriptions.Item>
          <Descriptions.Item label="爽约">{s.attendance.noShows}</Descriptions.Item>
          <Descriptions.Item label="爽约率">{percentText(s.attendance.noShowRate)}</Descriptions.Item>
          <Descriptions.Item label="期间新增停约（全市）">{s.blacklist.newInRange}</Descriptions.Item>
        </Descriptions>
      ),
    },
  ];
  return (
    <Card title="明细" style={{ marginBottom: 16 }}>
      <Tabs items={items} />
    </Card>
  );
}
