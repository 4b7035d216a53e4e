import { useState } from 'react';
import { Text } from '@tarojs/components';
import { useDidShow, useRouter } from '@tarojs/taro';
import type { Patient, ScheduleDetail } from '@cityhealth/shared-types';
import { PERIOD_LABELS } from '@cityhealth/shared-types/labels';
import { api, ApiError, currentSession, messageOf } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { NotReadyPage } from '../../components/state-view';
import { lastPatient } from '../../features/recent/recent-store';
import { open, replaceWith } from '../../features/navigation';
import { ROUTES, withQuery } from '../../routes';
import { calendarDate, dayLabel, timeWindow } from '../../utils/time';
import { bookingRulesView } from '../../features/booking-rules';
import { PatientPicker } from './components/patient-picker';
import { RulesAgreement } from './components/rules-agreement';
import { preselectedPatient } from './confirm.logic';
import { BOOK_INSTEAD, waitlistRuleLines } from './waitlist.logic';
import './confirm.scss';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; schedule: ScheduleDetail; patients: Patient[] | null; rules: string[] };

/** Join a full session's queue (候补): the session, who waits, the waitlist's rules; one tap joins. */
export default function WaitlistJoinPage() {
  const scheduleId = useRouter().params.scheduleId ?? '';
  const today = calendarDate();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [patientId, setPatientId] = useState<string | undefined>();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ message: string; bookInstead: boolean } | null>(null);

  async function load() {
    try {
      const [schedule, patients, rules] = await Promise.all([
        api.schedule(scheduleId),
        currentSession() ? api.patients().then((l) => l.items) : Promise.resolve(null),
        bookingRulesView(),
      ]);
      setLoaded({ kind: 'ready', schedule, patients, rules: waitlistRuleLines(rules) });
      setPatientId(
        (cur) => cur ?? (patients ? preselectedPatient(patients, today, lastPatient.read()[0]?.id) : undefined),
      );
    } catch (e) {
      setLoaded({ kind: 'error', message: messageOf(e) });
    }
  }
  useDidShow(() => void load());

  if (loaded.kind !== 'ready') return <NotReadyPage state={loaded} onRetry={load} />;
  const { schedule: s, patients, rules } = loaded;
  const blocker = !patientId ? '请选择就诊人' : !agreed ? '请阅读并同意候补须知' : null;

  async function join() {
    if (!patientId || blocker) return;
    setBusy(true);
    setFailure(null);
    try {
      await api.joinWaitlist({ patientId, scheduleId: s.id });
      lastPatient.remember({ id: patientId });
      replaceWith(withQuery(ROUTES.waitlist, { joined: 1 }));
    } catch (e) {
      setFailure({ message: messageOf(e), bookInstead: e instanceof ApiError && BOOK_INSTEAD.has(e.code) });
    } finally {
      setBusy(false);
    }
  }

  const footer = patients ? (
    <>
      {failure && <Notice kind="error" text={failure.message} testId="waitlist-error" />}
      {failure?.bookInstead && (
        <ActionButton kind="secondary" block onClick={() => replaceWith(withQuery(ROUTES.confirm, { scheduleId }))}>
          去预约
        </ActionButton>
      )}
      <ActionButton block busy={busy} disabled={Boolean(blocker)} onClick={join} testId="waitlist-submit">
        {blocker ?? '确认加入候补'}
      </ActionButton>
    </>
  ) : (
    <ActionButton
      block
      onClick={() => open(withQuery(ROUTES.login, { back: withQuery(ROUTES.waitlistJoin, { scheduleId }) }))}
      testId="waitlist-login"
    >
      登录后候补
    </ActionButton>
  );

  return (
    <PageShell className="confirm" footer={footer}>
      <Section>
        <Text className="confirm__title">
          {s.hospitalName} · {s.departmentName}
        </Text>
        <Text className="confirm__when">
          {dayLabel(s.date)} {PERIOD_LABELS[s.period]} {timeWindow(s.startsAt, s.endsAt)}
        </Text>
        {s.doctor && <Text className="confirm__line">{`${s.doctor.name} ${s.doctor.title}`}</Text>}
        <Text className="confirm__line">该时段号源已约满，可加入候补排队。</Text>
      </Section>
      {patients && <PatientPicker patients={patients} chosen={patientId} today={today} onChoose={setPatientId} />}
      {patients && (
        <RulesAgreement
          title="候补须知"
          rules={rules}
          agreed={agreed}
          onToggle={() => setAgreed(!agreed)}
          agreeText="我已阅读并同意候补须知"
        />
      )}
    </PageShell>
  );
}
