import { useMemo } from 'react';
import { Chart, type ChartOption } from '../../components/chart';
import { fenToYuan } from '../../components/money';
import type { SummaryRow } from './summaries';

/** Per day: the platform's and the channels' takings (yuan) as bars, the discrepancies as a line. */
export function DailyChart({ rows }: { rows: SummaryRow[] }) {
  const option = useMemo<ChartOption>(() => {
    const days = [...rows].reverse();
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 56, right: 48, top: 40, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.label.slice(5)) },
      yAxis: [
        { type: 'value', name: '金额（元）' },
        { type: 'value', name: '差异笔数', minInterval: 1, splitLine: { show: false } },
      ],
      series: [
        { name: '平台收款', type: 'bar', data: days.map((d) => fenToYuan(d.ourPaidFen)) },
        { name: '渠道收款', type: 'bar', data: days.map((d) => fenToYuan(d.channelPaidFen)) },
        { name: '差异笔数', type: 'line', yAxisIndex: 1, data: days.map((d) => d.discrepancies) },
      ],
    };
  }, [rows]);
  return <Chart option={option} label="每日平台收款、渠道收款与差异笔数" height={260} />;
}
