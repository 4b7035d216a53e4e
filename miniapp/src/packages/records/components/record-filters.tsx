import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { RELATION_LABELS } from '@cityhealth/shared-types/labels';
import { ActionButton } from '../../../components/action-button';
import { Notice } from '../../../components/notice';
import { Section } from '../../../components/section';
import { open } from '../../../features/navigation';
import { ROUTES } from '../../../routes';
import { RANGE_PRESETS, recordsPatientChoice } from '../records.logic';
import type { RecordFilters as Filters } from '../use-record-filters';
import { ChoiceChips } from './choice-chips';

/** How many other hospitals show before 更多医院 (全部 and the booked ones always show). */
const FIRST_HOSPITALS = 4;

/** 就诊人, 医院 and 时间 of a records list; an unverified patient is told why and where to verify. */
export function RecordFilters({ f }: { f: Filters }) {
  const [allHospitals, setAllHospitals] = useState(false);
  if (f.patients.length === 0)
    return (
      <Section title="就诊人">
        <Text className="records__hint">还没有就诊人，请先添加就诊人并完成实名认证。</Text>
        <ActionButton block onClick={() => open(ROUTES.patients)} testId="records-add-patient">
          添加就诊人
        </ActionButton>
      </Section>
    );
  const booked = f.hospitals.filter((h) => h.booked).length;
  const shown = allHospitals
    ? f.hospitals
    : f.hospitals.filter((h, i) => i < 1 + booked + FIRST_HOSPITALS || h.id === f.hospitalId);
  const choice = f.patient ? recordsPatientChoice(f.patient) : null;
  return (
    <View>
      <Section title="就诊人">
        <ChoiceChips
          label="就诊人"
          testId="records-patient"
          options={f.patients.map((p) => ({ id: p.id, label: `${p.name}（${RELATION_LABELS[p.relation]}）` }))}
          value={f.patient?.id ?? ''}
          onChange={f.setPatientId}
        />
        {choice && !choice.selectable && (
          <View data-testid="records-unverified">
            <Notice kind="warning" text={choice.reason} />
            <ActionButton block onClick={() => open(ROUTES.patients)} testId="records-verify">
              去实名认证
            </ActionButton>
          </View>
        )}
      </Section>
      {choice?.selectable && (
        <Section title="医院与时间">
          <ChoiceChips
            label="医院"
            testId="records-hospital"
            options={shown.map((h) => ({ id: h.id, label: h.booked ? `${h.name}（就诊过）` : h.name }))}
            value={f.hospitalId}
            onChange={f.setHospitalId}
          />
          {!allHospitals && shown.length < f.hospitals.length && (
            <ActionButton kind="link" onClick={() => setAllHospitals(true)} testId="records-more-hospitals">
              更多医院
            </ActionButton>
          )}
          <ChoiceChips
            label="时间范围"
            testId="records-range"
            options={RANGE_PRESETS.map((r) => ({ id: r.id, label: r.label }))}
            value={f.range}
            onChange={f.setRange}
          />
        </Section>
      )}
    </View>
  );
}

/** The hospitals of a partial answer that did not answer, each with its message, and 重试. */
export function FailedHospitals({ failed, onRetry }: { failed: { id: string; text: string }[]; onRetry: () => void }) {
  if (failed.length === 0) return null;
  return (
    <View className="records__failed" data-testid="records-partial">
      {failed.map((h) => (
        <Notice key={h.id} kind="warning" text={h.text} />
      ))}
      <ActionButton kind="secondary" onClick={onRetry} testId="records-partial-retry">
        重试
      </ActionButton>
    </View>
  );
}
