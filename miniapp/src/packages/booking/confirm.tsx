import { useEffect, useRef, useState } from 'react';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import type { BookingRulesView, Patient, ScheduleDetail } from '@cityhealth/shared-types';
import { PERIOD_LABELS, SCHEDULE_TYPE_LABELS } from '@cityhealth/shared-types/labels';
import { api, ApiError, currentSession, messageOf, newIdempotencyKey } from '../../api';
import { ActionButton } from '../../components/action-button';
import { Notice } from '../../components/notice';
import { PageShell } from '../../components/page-shell';
import { Section } from '../../components/section';
import { NotReadyPage } from '../../components/state-view';
import { open, replaceWith } from '../../features/navigation';
import { bookingRulesView } from '../../features/booking-rules';
import { lastPatient } from '../../features/recent/recent-store';
import { askNoticeConsent, prepareNoticeConsent } from '../../features/notices/notice-consent';
import { ROUTES, withQuery } from '../../routes';
import { offersWaitlist } from '../../features/waitlist';
import { yuan } from '../../utils/money';
import { calendarDate, dayLabel } from '../../utils/time';
import { TimeRange } from '../../components/time-range';
import { PatientPicker } from './components/patient-picker';
import { RulesAgreement } from './components/rules-agreement';
import { SlotChips } from './components/slot-chips';
import {
  blockingOrder,
  bookingRequest,
  bookingRuleLines,
  cancelTerms,
  fairDrawNote,
  freeSlots,
  FULL_CODES,
  preselectedPatient,
  submitBlocker,
  waitsForDraw,
} from './confirm.logic';
import './confirm.scss';

type Loaded =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'ready'; schedule: ScheduleDetail; patients: Patient[] | null; rules: BookingRulesView };
type Failure = {
  message: string;
  full: boolean;
  network: boolean;
  /** Registered in the release draw, not yet decided: asking again with the same key gets its result. */
  drawPending: boolean;
  blocking: { id: string; pending: boolean } | null;
};

/** Confirm a booking: the session, who it is for, the rules; one tap books it. */
export default function ConfirmPage() {
  const scheduleId = useRouter().params.scheduleId ?? '';
  const today = calendarDate();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [patientId, setPatientId] = useState<string | undefined>();
  const [slotId, setSlotId] = useState<string | undefined>();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  // sent in the release draw's window: the answer comes when the draw is decided
  const [drawing, setDrawing] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  // One key per booking attempt: a retry after a lost answer must not book twice.
  const attemptKey = useRef<string | null>(null);

  async function load() {
    try {
      const [schedule, patients, rules] = await Promise.all([
        api.schedule(scheduleId),
        currentSession() ? api.patients().then((l) => l.items) : Promise.resolve(null),
        bookingRulesView(),
      ]);
      setLoaded({ kind: 'ready', schedule, patients, rules });
      if (patients) void prepareNoticeConsent();
      setPatientId(
        (cur) => cur ?? (patients ? preselectedPatient(patients, today, lastPatient.read()[0]?.id) : undefined),
      );
    } catch (e) {
      setLoaded({ kind: 'error', message: messageOf(e) });
    }
  }
  useDidShow(() => void load());
  /* biome-ignore lint/correctness/useExhaustiveDependencies: another patient or slot is another booking attempt,
     with a key of its own */
  useEffect(() => {
    attemptKey.current = null;
  }, [patientId, slotId]);

  if (loaded.kind !== 'ready') return <NotReadyPage state={loaded} onRetry={load} />;
  const { schedule: s, patients, rules } = loaded;
  const blocker = submitBlocker({ patientId, agreed, freeCount: s.freeCount });
  const slots = freeSlots(s.slots);

  async function book() {
    if (!patientId || blocker) return;
    attemptKey.current ??= newIdempotencyKey();
    const consent = askNoticeConsent();
    setBusy(true);
    setDrawing(waitsForDraw(s, Date.now()));
    setFailure(null);
    try {
      const order = await api.book(bookingRequest(s.id, patientId, slotId), attemptKey.current);
      lastPatient.remember({ id: patientId });
      consent.report();
      replaceWith(withQuery(ROUTES.order, { id: order.id, new: 1 }));
    } catch (e) {
      const network = e instanceof ApiError && e.isNetwork;
      const drawPending = e instanceof ApiError && e.code === 'DRAW_PENDING';
      if (!network && !drawPending) attemptKey.current = null;
      const full = e instanceof ApiError && FULL_CODES.has(e.code);
      // what is left (or the waitlist's offer) as it is now, not as it was when the page opened
      if (full) void load();
      setFailure({
        message: network ? '网络异常，预约结果未知。可直接重试，不会重复预约。' : messageOf(e),
        full,
        network,
        drawPending,
        blocking: blockingOrder(e),
      });
    } finally {
      setBusy(false);
    }
  }

  const terms = cancelTerms(s.cancelDeadline);
  const drawNote = fairDrawNote(s, Date.now());
  // Refusals and warnings sit in the fixed footer, above the button the patient just tapped.
  const footer = patients ? (
    <View className="confirm__footer">
      {failure && (
        <View className="confirm__failure">
          <Notice kind="error" text={failure.message} testId="booking-error" />
          {failure.blocking && (
            <ActionButton
              kind="secondary"
              block
              onClick={() => open(withQuery(ROUTES.order, { id: failure.blocking!.id }))}
              testId="booking-open-existing"
            >
              {failure.blocking.pending ? '打开已有预约去支付' : '查看已有预约'}
            </ActionButton>
          )}
          {failure.full && (
            <ActionButton kind="secondary" block onClick={() => void Taro.navigateBack()}>
              看看其他日期
            </ActionButton>
          )}
        </View>
      )}
      {offersWaitlist(s, rules) && (!failure || failure.full) && (
        <ActionButton
          kind="secondary"
          block
          onClick={() => open(withQuery(ROUTES.waitlistJoin, { scheduleId: s.id }))}
          testId="booking-waitlist"
        >
          号源已满，加入候补
        </ActionButton>
      )}
      {!failure && terms.passed && (
        <Notice kind="warning" text="取消截止时间已过：预约成功后不能取消" testId="booking-cancel-warning" />
      )}
      <ActionButton block busy={busy} disabled={Boolean(blocker)} onClick={book} testId="booking-submit">
        {busy && drawing
          ? '抽签中…'
          : failure?.drawPending
            ? '查看抽签结果'
            : failure?.network
              ? '重试预约'
              : (blocker ?? `确认预约 ${yuan(s.feeFen)}`)}
      </ActionButton>
    </View>
  ) : (
    <ActionButton
      block
      onClick={() => open(withQuery(ROUTES.login, { back: withQuery(ROUTES.confirm, { scheduleId }) }))}
      testId="booking-login"
    >
      登录后预约
    </ActionButton>
  );

  return (
    <PageShell className={`confirm${failure || terms.passed ? ' confirm--footer-notice' : ''}`} footer={footer}>
      <Section>
        <Text className="confirm__title">
          {s.hospitalName} · {s.departmentName}
        </Text>
        <Text className="confirm__when">
          {dayLabel(s.date)} {PERIOD_LABELS[s.period]} <TimeRange startsAt={s.startsAt} endsAt={s.endsAt} />
        </Text>
        <Text className="confirm__line">
          {SCHEDULE_TYPE_LABELS[s.type]}
          {s.doctor ? ` · ${s.doctor.name} ${s.doctor.title}` : ''}
        </Text>
        {s.doctor?.intro && <Text className="confirm__line confirm__muted">{s.doctor.intro}</Text>}
        <Text className="confirm__line">地址：{s.hospitalAddress}</Text>
        <Text className="confirm__line">
          挂号费 <Text className="confirm__fee">{yuan(s.feeFen)}</Text> · 剩余 {s.freeCount} 个号
        </Text>
        <Text className={`confirm__line${terms.passed ? ' confirm__warn' : ''}`} data-testid="booking-cancel-terms">
          {terms.text}
        </Text>
        {drawNote && <Notice kind="info" text={drawNote} testId="booking-fair-draw" />}
      </Section>

      {patients && <PatientPicker patients={patients} chosen={patientId} today={today} onChoose={setPatientId} />}
      {patients && (
        <RulesAgreement rules={bookingRuleLines(rules)} agreed={agreed} onToggle={() => setAgreed(!agreed)} />
      )}

      {slots.length > 0 && <SlotChips free={slots} chosen={slotId} onChoose={setSlotId} />}
    </PageShell>
  );
}
