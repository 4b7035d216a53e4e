import { Text, View } from '@tarojs/components';
import type { ScheduleSummary } from '@cityhealth/shared-types';
import { PERIOD_LABELS, SCHEDULE_TYPE_LABELS } from '@cityhealth/shared-types/labels';
import { Countdown } from '../../../components/countdown';
import { yuan } from '../../../utils/money';
import { TimeRange } from '../../../components/time-range';
import { sessionStateText, type SessionState } from '../department.logic';
import { releaseIsNear, releaseText } from '../release.logic';
import { tapProps } from '../../../platform/tap';

interface Props {
  schedule: ScheduleSummary;
  state: SessionState;
  onBook: () => void;
  /** A full session whose waitlist (候补) is open: tapping it joins the queue. */
  onWaitlist?: () => void;
  /** The release countdown reached zero: the page reloads. */
  onReleased: () => void;
}

/**
 * One session: when, who, what it costs, how many numbers are left; tapping an open one books it.
 * (No buttons inside: the card itself is the button. The doctor's full intro is on the confirm page.)
 */
export function SessionCard({ schedule: s, state, onBook, onWaitlist, onReleased }: Props) {
  const open = state === 'open';
  const waitlist = state === 'full' && onWaitlist !== undefined;
  return (
    <View
      className={`session${open || waitlist ? '' : ' session--off'}`}
      aria-disabled={!open && !waitlist}
      data-testid="schedule-item"
      data-schedule-id={s.id}
      {...tapProps(() => (open ? onBook() : waitlist && onWaitlist()))}
    >
      <View className="session__head">
        <Text className="session__when">
          {PERIOD_LABELS[s.period]} <TimeRange startsAt={s.startsAt} endsAt={s.endsAt} />
        </Text>
        <Text className={`session__free${open || waitlist ? '' : ' session__free--off'}`}>
          {open
            ? `余 ${s.freeCount}`
            : waitlist
              ? '已约满 · 可候补'
              : sessionStateText(s, state as Exclude<SessionState, 'open'>)}
        </Text>
      </View>
      <View className="session__line">
        <Text className="session__type">{SCHEDULE_TYPE_LABELS[s.type]}</Text>
        <Text className="session__fee">挂号费 {yuan(s.feeFen)}</Text>
      </View>
      {s.doctor && (
        <View className="session__doctor">
          <Text className="session__doctor-name">
            {s.doctor.name} {s.doctor.title}
          </Text>
          {s.doctor.specialty && <Text className="session__doctor-text">擅长：{s.doctor.specialty}</Text>}
        </View>
      )}
      {state === 'not-released' && (
        <View className="session__release">
          <Text className="session__release-text">{releaseText(s.releaseAt)}</Text>
          {releaseIsNear(s.releaseAt) && (
            <Countdown until={s.releaseAt} prefix="距放号还有" onDone={onReleased} className="session__release-text" />
          )}
        </View>
      )}
    </View>
  );
}
