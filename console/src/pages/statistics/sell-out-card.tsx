import type { Statistics } from '@cityhealth/shared-types';
import { Card, Col, Descriptions, Row } from 'antd';
import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/chart';
import { durationText, percentText } from './format';

type SellOut = Statistics['sellOut'];

const session = (x: SellOut['fastest']) =>
  x ? `${x.hospital.name} ${x.department.name} ${x.date}：${durationText(x.soldOutAfterMs)}` : '—';

/** How fast the releases sold out: the distribution of the times, the fastest and slowest sessions. */
export function SellOutCard({ sellOut }: { sellOut: SellOut }) {
  const option = useMemo<ChartOption>(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 48, right: 24, top: 32, bottom: 28 },
      xAxis: { type: 'category', data: sellOut.distribution.map((b) => b.label) },
      yAxis: { type: 'value', name: '场次', minInterval: 1 },
      series: [
        {
          name: '约满场次',
          type: 'bar',
          barMaxWidth: 48,
          label: { show: true, position: 'top' },
          data: sellOut.distribution.map((b) => b.sessions),
        },
      ],
    }),
    [sellOut],
  );
  return (
    <Card title="放号售罄用时" style={{ marginBottom: 16 }}>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Chart option={option} label="放号后约满所用时间的分布" height={240} />
        </Col>
        <Col xs={24} lg={10}>
          <Descriptions column={1} size="small">
            <Descriptions.Item label="放号场次">{sellOut.released}</Descriptions.Item>
            <Descriptions.Item label="约满场次">
              {sellOut.soldOut}（{percentText(sellOut.soldOutShare)}）
            </Descriptions.Item>
            <Descriptions.Item label="中位数 P50">{durationText(sellOut.p50Ms)}</Descriptions.Item>
            <Descriptions.Item label="P90">{durationText(sellOut.p90Ms)}</Descriptions.Item>
            <Descriptions.Item label="最快">{session(sellOut.fastest)}</Descriptions.Item>
            <Descriptions.Item label="最慢">{session(sellOut.slowest)}</Descriptions.Item>
          </Descriptions>
        </Col>
      </Row>
    </Card>
  );
}
