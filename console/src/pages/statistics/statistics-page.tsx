import { Alert, Empty, Flex, Typography } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useState } from 'react';
import { useAnswer } from '../../api/use-answer';
import { callOperation } from '../../api/client';
import { PageTitle } from '../../components/page-title';
import { useStaffSession } from '../../session/session-context';
import { BookingCharts } from './booking-charts';
import { FiguresTables } from './figures-tables';
import { KeyFigures } from './key-figures';
import { ReportDownloads } from './report-downloads';
import { SellOutCard } from './sell-out-card';
import { DrawsCard } from './draws-card';
import { type StatisticsFilter, StatisticsFilters } from './statistics-filters';

const DAY = 'YYYY-MM-DD';

/** 统计分析: bookings, cancellations, no-shows and sell-out times for the commission (a hospital: its own). */
export default function StatisticsPage() {
  const { staff } = useStaffSession();
  const [filter, setFilter] = useState<StatisticsFilter>(() => ({
    range: [dayjs().subtract(29, 'day'), dayjs()],
  }));

  const from = filter.range[0].format(DAY);
  const to = filter.range[1].format(DAY);
  const { hospitalId, departmentId, channel, edition } = filter;
  const {
    data: figures,
    loading,
    error,
  } = useAnswer(
    useCallback(
      () => callOperation('statistics', { query: { from, to, hospitalId, departmentId, channel, edition } }),
      [from, to, hospitalId, departmentId, channel, edition],
    ),
  );

  return (
    <>
      <Flex className="console-page-head" justify="space-between" align="center" wrap gap={12}>
        <PageTitle>统计分析</PageTitle>
        <ReportDownloads hospitalId={staff.hospital ? undefined : hospitalId} />
      </Flex>
      <StatisticsFilters value={filter} onChange={setFilter} ownHospital={staff.hospital} />
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <KeyFigures s={figures} loading={loading} />
      {figures ? (
        <>
          <BookingCharts s={figures} />
          <SellOutCard sellOut={figures.sellOut} />
          <DrawsCard from={from} to={to} hospitalId={hospitalId} />
          <FiguresTables s={figures} loading={loading} />
          <Typography.Text type="secondary">
            预约量按下单时间、取消按取消时间、到诊与爽约按就诊日期统计（北京时间）；放号售罄不区分渠道与版本。
          </Typography.Text>
        </>
      ) : (
        !loading && <Empty description="暂无统计数据" />
      )}
    </>
  );
}
