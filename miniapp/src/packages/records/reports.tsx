import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { ReportCategory } from '@cityhealth/shared-types';
import { REPORT_CATEGORY_LABELS } from '@cityhealth/shared-types/labels';
import { api } from '../../api';
import { PageShell } from '../../components/page-shell';
import { NotReadyPage } from '../../components/state-view';
import { open } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { tapProps } from '../../platform/tap';
import { ROUTES, withQuery } from '../../routes';
import { dateTime } from '../../utils/time';
import { ChoiceChips } from './components/choice-chips';
import { RecordFilters } from './components/record-filters';
import { RecordsAnswer } from './components/records-answer';
import { abnormalLine, rangeOf, statusWords } from './records.logic';
import { useRecordFilters } from './use-record-filters';
import './records.scss';

const CATEGORIES = (['lab', 'exam'] as const).map((id) => ({ id, label: REPORT_CATEGORY_LABELS[id] }));

/** 报告查询: a verified patient's lab (检验) and exam (检查) reports, read live from the hospitals. */
export default function ReportsPage() {
  const { patientId, hospitalId } = useRouter().params;
  const f = useRecordFilters(patientId, hospitalId);
  const [category, setCategory] = useState<ReportCategory>('lab');
  const asked = f.patient?.verified ? f.patient.id : null;
  const list = useRemote(
    () =>
      asked
        ? api.reports(asked, { category, hospitalId: f.hospitalId || undefined, ...rangeOf(f.range) })
        : Promise.resolve(null),
    [asked, category, f.hospitalId, f.range],
  );

  if (f.state.kind !== 'ready') return <NotReadyPage state={f.state} onRetry={f.reload} />;

  return (
    <PageShell className="records">
      <RecordFilters f={f} />
      {asked && (
        <View>
          <ChoiceChips
            label="报告类别"
            testId="reports-category"
            options={CATEGORIES}
            value={category}
            onChange={setCategory}
          />
          <RecordsAnswer
            list={list}
            emptyText={`该时间内没有${REPORT_CATEGORY_LABELS[category]}报告`}
            item={(r) => {
              const abnormal = abnormalLine(r);
              const when = r.issuedAt ?? r.collectedAt;
              return (
                <View
                  key={`${r.hospitalId}-${r.reportId}`}
                  className="records__card"
                  data-testid="report-item"
                  data-status={r.status}
                  {...tapProps(() =>
                    open(
                      withQuery(ROUTES.report, {
                        patientId: asked,
                        hospitalId: r.hospitalId,
                        reportId: r.reportId,
                      }),
                    ),
                  )}
                >
                  <View className="records__card-head">
                    <Text className="records__title">{r.title}</Text>
                    <Text className={`records__status records__status--${r.status}`} data-testid="report-status">
                      {statusWords(r.status)}
                    </Text>
                  </View>
                  <Text className="records__meta">
                    {r.hospitalName}
                    {r.department ? ` · ${r.department}` : ''}
                  </Text>
                  {when && (
                    <Text className="records__meta">
                      {r.issuedAt ? '报告时间' : '检查时间'} {dateTime(when)}
                    </Text>
                  )}
                  {abnormal && (
                    <Text
                      className={`records__abnormal${r.abnormalCount > 0 ? ' records__abnormal--on' : ''}`}
                      data-testid="report-abnormal"
                    >
                      {abnormal}
                    </Text>
                  )}
                </View>
              );
            }}
          />
        </View>
      )}
    </PageShell>
  );
}
