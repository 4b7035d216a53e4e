import type { ContentStatus } from '@cityhealth/shared-types';
import { CONTENT_STATUS_LABELS } from '@cityhealth/shared-types/labels';
import { Badge, Button, Popconfirm, Space } from 'antd';

const BADGES = { draft: 'default', published: 'success', withdrawn: 'warning' } as const satisfies Record<
  ContentStatus,
  string
>;

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

export function StatusTag({ status }: { status: ContentStatus }) {
  return <Badge status={BADGES[status]} text={CONTENT_STATUS_LABELS[status]} />;
}

/** Who and when, as one cell: the latest of published, withdrawn or changed. */
export function Provenance(item: {
  updatedAt: string;
  updatedBy: { name: string } | null;
  publishedAt: string | null;
  publishedBy: { name: string } | null;
}) {
  return (
    <span>
      {item.publishedAt !== item.updatedAt && `${item.updatedBy?.name ?? '系统'} 修改于 ${when(item.updatedAt)}`}
      {item.publishedAt && item.publishedAt !== item.updatedAt && <br />}
      {item.publishedAt && `${item.publishedBy?.name ?? '系统'} 发布于 ${when(item.publishedAt)}`}
    </span>
  );
}

interface ActionsProps {
  status: ContentStatus;
  title: string;
  onEdit(): void;
  onPublish(): void;
  onWithdraw(): void;
}

/** 编辑 · 发布 · 撤下, each where the status allows it. */
export function ContentActions({ status, title, onEdit, onPublish, onWithdraw }: ActionsProps) {
  return (
    <Space size={0}>
      <Button type="link" size="small" onClick={onEdit}>
        编辑
      </Button>
      {status !== 'published' && (
        <Popconfirm
          title={`发布“${title}”？`}
          description="发布后患者立即可见。"
          okText="发布"
          cancelText="取消"
          onConfirm={onPublish}
        >
          <Button type="link" size="small">
            发布
          </Button>
        </Popconfirm>
      )}
      {status === 'published' && (
        <Popconfirm
          title={`撤下“${title}”？`}
          description="撤下后患者不再看到它，可随时重新发布。"
          okText="撤下"
          okButtonProps={{ danger: true }}
          cancelText="取消"
          onConfirm={onWithdraw}
        >
          <Button type="link" size="small" danger>
            撤下
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}
