import type { Statistics } from '@cityhealth/shared-types';
import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/chart';

const horizontalBars = (names: string[], values: number[], unit: string): ChartOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
  xAxis: { type: 'value', minInterval: 1, name: unit },
  yAxis: { type: 'category', data: [...names].reverse(), axisLabel: { width: 140, overflow: 'truncate' } },
  series: [{ type: 'bar', barMaxWidth: 28, data: [...values].reverse(), label: { show: true, position: 'right' } }],
});

/** Bookings per day, by channel and edition, and the hospitals and departments with the most. */
export function BookingCharts({ s }: { s: Statistics }) {
  const options = useMemo(() => {
    const perDay: ChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: s.byDay.map((d) => d.date.slice(5)) },
      yAxis: { type: 'value', name: '预约量', minInterval: 1 },
      series: [
        {
          name: '预约量',
          type: 'line',
          smooth: true,
          areaStyle: { opacity: 0.12 },
          data: s.byDay.map((d) => d.bookings),
        },
      ],
    };
    const channels: ChartOption = {
      tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
      legend: { bottom: 0 },
      series: [
        {
          name: '渠道',
          type: 'pie',
          radius: ['38%', '66%'],
          center: ['50%', '44%'],
          label: { formatter: '{b}\n{d}%' },
          data: s.byChannel.filter((c) => c.bookings > 0).map((c) => ({ name: c.label, value: c.bookings })),
        },
      ],
    };
    const editions: ChartOption = {
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: s.byEdition.map((e) => e.label) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        {
          name: '预约量',
          type: 'bar',
          barMaxWidth: 48,
          label: { show: true, position: 'top' },
          data: s.byEdition.map((e) => e.bookings),
        },
      ],
    };
    const top = s.byHospital.slice(0, 10);
    return {
      perDay,
      channels,
      editions,
      hospitals: horizontalBars(
        top.map((h) => h.hospital.name),
        top.map((h) => h.bookings),
        '预约量',
      ),
      departments: horizontalBars(
        s.byDepartment.map((d) => `${d.department.name}（${d.hospital.name}）`),
        s.byDepartment.map((d) => d.bookings),
        '预约量',
      ),
    };
  }, [s]);
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      <Col xs={24}>
        <Card title="每日预约量">
          <Chart option={options.perDay} label="每日预约量折线图" height={260} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="预约渠道">
          <Chart option={options.channels} label="各预约渠道的预约量占比" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="标准版与敬老版">
          <Chart option={options.editions} label="标准版与敬老版的预约量" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="预约量前 10 的医院">
          <Chart option={options.hospitals} label="预约量最多的医院" height={320} />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title="预约量前 10 的科室">
          <Chart option={options.departments} label="预约量最多的科室" height={320} />
        </Card>
      </Col>
    </Row>
  );
}
