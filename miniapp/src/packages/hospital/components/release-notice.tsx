import { Text, View } from '@tarojs/components';
import { Countdown } from '../../../components/countdown';
import { releaseIsNear, releaseText } from '../release.logic';

interface Props {
  releaseAt: string;
  now: number;
  /** The countdown reached zero: the page reloads. */
  onReleased: () => void;
}

/** When a day that is not yet released opens: 12月8日 08:30 放号, with a countdown in its last 24 hours. */
export function ReleaseNotice({ releaseAt, now, onReleased }: Props) {
  return (
    <View className="release-notice" data-testid="day-release" role="status">
      <Text className="release-notice__text">{releaseText(releaseAt)}</Text>
      {releaseIsNear(releaseAt, now) && (
        <Countdown
          until={releaseAt}
          prefix="距放号还有"
          onDone={onReleased}
          className="release-notice__countdown"
          testId="day-release-countdown"
        />
      )}
    </View>
  );
}
