import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import { MODALITY_WORDS } from '@cityhealth/shared-types/labels';
import { api } from '../../api';
import { ActionButton } from '../../components/action-button';
import { PageShell } from '../../components/page-shell';
import { NotReadyPage } from '../../components/state-view';
import { open } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { tapProps } from '../../platform/tap';
import { ROUTES, withQuery } from '../../routes';
import { dateTime } from '../../utils/time';
import { RecordFilters } from './components/record-filters';
import { RecordsAnswer } from './components/records-answer';
import { rangeOf } from './records.logic';
import { useRecordFilters } from './use-record-filters';
import './records.scss';

/** 影像查询: a verified patient's imaging studies (CT, X线, 超声 …), read live from the hospitals. */
export default function ImagingPage() {
  const { patientId, hospitalId } = useRouter().params;
  const f = useRecordFilters(patientId, hospitalId);
  const asked = f.patient?.verified ? f.patient.id : null;
  const list = useRemote(
    () =>
      asked
        ? api.studies(asked, { hospitalId: f.hospitalId || undefined, ...rangeOf(f.range) })
        : Promise.resolve(null),
    [asked, f.hospitalId, f.range],
  );

  if (f.state.kind !== 'ready') return <NotReadyPage state={f.state} onRetry={f.reload} />;

  return (
    <PageShell className="records">
      <RecordFilters f={f} />
      {asked && (
        <View>
          <RecordsAnswer
            list={list}
            emptyText="该时间内没有影像检查"
            item={(s) => (
              <View
                key={`${s.hospitalId}-${s.studyId}`}
                className="records__card"
                data-testid="study-item"
                data-modality={s.modality}
                {...tapProps(() =>
                  open(withQuery(ROUTES.study, { patientId: asked, hospitalId: s.hospitalId, studyId: s.studyId })),
                )}
              >
                <View className="records__card-head">
                  <Text className="records__title">{s.description}</Text>
                  <Text className="records__badge">{s.modalityWords || MODALITY_WORDS[s.modality] || s.modality}</Text>
                </View>
                <Text className="records__meta">{s.hospitalName}</Text>
                {s.startedAt && <Text className="records__meta">检查时间 {dateTime(s.startedAt)}</Text>}
                <Text className="records__meta">
                  {s.seriesCount} 个序列 · {s.imageCount} 张图像{s.hasReport ? ' · 有报告' : ''}
                </Text>
              </View>
            )}
          />
          <View className="records__links">
            <ActionButton
              kind="link"
              onClick={() => open(withQuery(ROUTES.shares, { patientId: asked }))}
              testId="imaging-shares"
            >
              我的影像分享
            </ActionButton>
          </View>
        </View>
      )}
    </PageShell>
  );
}
