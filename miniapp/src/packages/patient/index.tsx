import { useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { Patient } from '@cityhealth/shared-types';
import { RELATION_LABELS } from '@cityhealth/shared-types/labels';
import { api, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { EmptyState, NotReadyPage } from '../../components/state-view';
import { open } from '../../features/navigation';
import { useRemote } from '../../hooks/use-remote';
import { ROUTES, withQuery } from '../../routes';
import { calendarDate } from '../../utils/time';
import { documentLine } from '../../features/patient-document';
import './index.scss';

function PatientCard({ p, onChanged }: { p: Patient; onChanged: (p: Patient) => void }) {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const suspended = p.blacklistedUntil && p.blacklistedUntil >= calendarDate();

  async function verify() {
    setBusy(true);
    setProblem(null);
    try {
      onChanged(await api.verifyPatient(p.id));
    } catch (e) {
      setProblem(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="patients__card" data-testid="patient-item">
      <View className="patients__head">
        <Text className="patients__name">
          {p.name}（{RELATION_LABELS[p.relation]}）
        </Text>
        {p.verified && (
          <Text className="patients__badge" data-testid="patient-verified">
            已实名
          </Text>
        )}
      </View>
      <Text className="patients__line" data-testid="patient-document">
        {documentLine(p)}
      </Text>
      <Text className="patients__line">手机 {p.phoneMasked}</Text>
      {suspended && <Text className="patients__warn">因爽约暂停预约至 {p.blacklistedUntil}</Text>}
      {problem && <Notice kind="error" text={problem} testId="patient-verify-error" />}
      <View className="patients__actions">
        {!p.verified && (
          <ActionButton busy={busy} onClick={verify} testId="patient-verify">
            去实名认证
          </ActionButton>
        )}
        <ActionButton
          kind="secondary"
          onClick={() => open(withQuery(ROUTES.patientForm, { id: p.id }))}
          testId="patient-edit"
        >
          编辑
        </ActionButton>
      </View>
    </View>
  );
}

/** The account's patients (就诊人): real-name state, edit, add. */
export default function PatientsPage() {
  const { state, reload } = useRemote(() => api.patients(), []);
  const [changed, setChanged] = useState<Record<string, Patient>>({});
  useDidShow(() => {
    setChanged({});
    void reload();
  });

  if (state.kind !== 'ready') return <NotReadyPage state={state} onRetry={reload} />;
  const { items, max } = state.data;
  const full = items.length >= max;
  const add = (
    <ActionButton block disabled={full} onClick={() => open(ROUTES.patientForm)} testId="patient-add">
      {full ? `最多添加 ${max} 位就诊人` : '添加就诊人'}
    </ActionButton>
  );

  return (
    <PageShell className="patients" footer={items.length > 0 ? add : undefined}>
      <Text className="patients__hint">
        添加就诊人时即完成实名认证（身份证、护照、港澳台通行证、永居证；无证件儿童随本人认证）。每个账号最多添加 {max}{' '}
        位就诊人。
      </Text>
      {items.length === 0 ? (
        <EmptyState text="还没有就诊人" action={add} />
      ) : (
        items.map((p) => (
          <PatientCard key={p.id} p={changed[p.id] ?? p} onChanged={(np) => setChanged({ ...changed, [np.id]: np })} />
        ))
      )}
    </PageShell>
  );
}
