import type { DeliveryHealth } from '@cityhealth/shared-types';
import { Badge, Descriptions, Typography } from 'antd';

const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

/** An age in words: 45 秒, 12 分钟, 3 小时 20 分钟, 2 天. */
export function age(seconds: number): string {
  if (seconds < 60) return `${seconds} 秒`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)} 分钟`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)} 小时 ${Math.floor((seconds % 3600) / 60)} 分钟`;
  return `${Math.floor(seconds / 86_400)} 天`;
}

/** One word for a hospital's pushes: 正常, 积压 (waiting, not failing) or 推送失败. */
export function DeliveryBadge({ health }: { health: DeliveryHealth }) {
  if (health.consecutiveFailures > 0)
    return <Badge status="error" text={`推送失败（连续 ${health.consecutiveFailures} 次）`} />;
  if (health.pending > 0) return <Badge status="warning" text={`待推送 ${health.pending} 条`} />;
  return <Badge status="success" text="正常" />;
}

/** Every figure of a hospital's delivery health. */
export function DeliveryDetails({ health }: { health: DeliveryHealth }) {
  return (
    <Descriptions column={1} bordered size="small">
      <Descriptions.Item label="状态">
        <DeliveryBadge health={health} />
      </Descriptions.Item>
      <Descriptions.Item label="待推送事件">
        {health.pending}
        {health.oldestPendingAgeSeconds !== null && `（最早一条已等待 ${age(health.oldestPendingAgeSeconds)}）`}
      </Descriptions.Item>
      <Descriptions.Item label="最近成功推送">{when(health.lastSuccessAt)}</Descriptions.Item>
      <Descriptions.Item label="最近失败">
        {health.lastFailure ? (
          <>
            {when(health.lastFailure.at)}
            <br />
            <Typography.Text type="danger" code>
              {health.lastFailure.error}
            </Typography.Text>
          </>
        ) : (
          '—'
        )}
      </Descriptions.Item>
      <Descriptions.Item label="近 24 小时失败次数">{health.failuresLast24h}</Descriptions.Item>
      <Descriptions.Item label="下次重试">{when(health.nextAttemptAt)}</Descriptions.Item>
      <Descriptions.Item label="事件流位置">
        最新序号 {health.stream.lastSeq}
        {health.stream.firstPendingSeq !== null && `，最早待推送序号 ${health.stream.firstPendingSeq}`}
      </Descriptions.Item>
    </Descriptions>
  );
}
