import type { Statistics } from '@cityhealth/shared-types';
import { Card, Col, Row, Statistic } from 'antd';
import { yuan } from '../../components/money';
import { durationText, percentText } from './format';

interface FigureCard {
  title: string;
  value: string | number;
  hint?: string;
}
const PLACEHOLDERS: FigureCard[] = Array.from({ length: 6 }, () => ({ title: '', value: '' }));

/** The figures to take in at a glance, one card each. */
export function KeyFigures({ s, loading }: { s: Statistics | null; loading: boolean }) {
  const cards: FigureCard[] = s
    ? [
        { title: '预约量', value: s.totals.bookings, hint: `挂号费 ${yuan(s.totals.feeFen)}` },
        { title: '取消量', value: s.cancellations.total },
        {
          title: '爽约率',
          value: percentText(s.attendance.noShowRate),
          hint: `到诊 ${s.attendance.arrivals} · 爽约 ${s.attendance.noShows}`,
        },
        {
          title: '约满比例',
          value: percentText(s.sellOut.soldOutShare),
          hint: `放号 ${s.sellOut.released} 场 · 约满 ${s.sellOut.soldOut} 场`,
        },
        {
          title: '售罄用时中位数',
          value: durationText(s.sellOut.p50Ms),
          hint: `P90 ${durationText(s.sellOut.p90Ms)}`,
        },
        {
          title: '停约人数（全市）',
          value: s.blacklist.activeNow,
          hint: `期间新增 ${s.blacklist.newInRange}`,
        },
      ]
    : [];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {(cards.length ? cards : PLACEHOLDERS).map((c, i) => (
        <Col key={c.title || i} xs={12} md={8} xl={4}>
          <Card loading={loading && !s} size="small">
            <Statistic title={c.title} value={c.value} />
            {c.hint && <div className="console-statistic-hint">{c.hint}</div>}
          </Card>
        </Col>
      ))}
    </Row>
  );
}
