import type { ContentStatus } from '@cityhealth/shared-types';
import { CONTENT_STATUS_LABELS } from '@cityhealth/shared-types/labels';
import { Button, Popconfirm, Space, Tag } from 'antd';

const COLORS: Record<ContentStatus, string> = { draft: 'default', published: 'success', withdrawn: 'warning' };

export const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString('zh-CN', { hour12: false }) : '—');

export function StatusTag({ status }: { status: ContentStatus }) {
  return <Tag color={COLORS[status]}>{CONTENT_STATUS_LABELS[status]}</Tag>;
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
      {item.updatedBy?.name ?? '系统'} 修改于 {when(item.updatedAt)}
      {item.publishedAt && (
        <>
          <br />
          {item.publishedBy?.name ?? '系统'} 发布于 {when(item.publishedAt)}
        </>
      )}
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
