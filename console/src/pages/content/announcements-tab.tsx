import { PlusOutlined } from '@ant-design/icons';
import type { ConsoleAnnouncement, ContentStatus } from '@cityhealth/shared-types';
import { CONTENT_STATUS_LABELS, CONTENT_STATUSES } from '@cityhealth/shared-types/labels';
import { Alert, App, Button, Flex, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { useHospitals } from '../../api/use-hospitals';
import { useStaffSession } from '../../session/session-context';
import { AnnouncementEditor } from './announcement-editor';
import { ContentActions, Provenance, StatusTag } from './content-status';
import { ReadableText } from '../../components/readable-text';

const PAGE_SIZE = 20;
/** The list query's name for the platform-wide announcements. */
const PLATFORM = 'platform';

/** 公告: every announcement a person may manage (a scheduler: their hospital's), in every state. */
export function AnnouncementsTab() {
  const { staff } = useStaffSession();
  const { message } = App.useApp();
  const ownHospital = staff.hospital;
  const hospitals = useHospitals(ownHospital === null);
  const [status, setStatus] = useState<ContentStatus | undefined>();
  const [scope, setScope] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<ConsoleAnnouncement | null | 'new'>(null);

  const listed = useAnswer(
    useCallback(
      () =>
        callOperation('consoleAnnouncements', {
          query: { page, pageSize: PAGE_SIZE, status, hospitalId: scope },
        }),
      [page, status, scope],
    ),
  );
  const { loading, error, reload: load } = listed;
  const answer = listed.data ?? { items: [], total: 0 };

  const change = async (item: ConsoleAnnouncement, operation: 'publishAnnouncement' | 'withdrawAnnouncement') => {
    try {
      await callOperation(operation, { params: { id: item.id } });
      message.success(operation === 'publishAnnouncement' ? '已发布' : '已撤下');
    } catch (e) {
      message.error(messageOf(e));
    }
    load();
  };

  const columns: ColumnsType<ConsoleAnnouncement> = [
    { title: '标题', dataIndex: 'title', fixed: 'left' },
    {
      title: '发布范围',
      dataIndex: 'hospital',
      render: (h: ConsoleAnnouncement['hospital']) => h?.name ?? '全平台',
    },
    { title: '状态', dataIndex: 'status', render: (s: ContentStatus) => <StatusTag status={s} /> },
    { title: '最近变更', key: 'provenance', render: (_, item) => <Provenance {...item} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, item) => (
        <ContentActions
          status={item.status}
          title={item.title}
          onEdit={() => setEditing(item)}
          onPublish={() => change(item, 'publishAnnouncement')}
          onWithdraw={() => change(item, 'withdrawAnnouncement')}
        />
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" wrap gap={12} style={{ marginBottom: 16 }}>
        <Flex wrap gap={12}>
          <Select<ContentStatus | undefined>
            aria-label="公告状态"
            style={{ width: 140 }}
            allowClear
            placeholder="全部状态"
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={CONTENT_STATUSES.map((s) => ({ value: s, label: CONTENT_STATUS_LABELS[s] }))}
          />
          {ownHospital === null && (
            <Select<string | undefined>
              aria-label="发布范围"
              style={{ width: 240 }}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder="全部范围"
              loading={hospitals.loading}
              value={scope}
              onChange={(v) => {
                setScope(v);
                setPage(1);
              }}
              options={[{ value: PLATFORM, label: '全平台公告' }, ...hospitals.options]}
            />
          )}
        </Flex>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建公告
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Table<ConsoleAnnouncement>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={answer.items}
        loading={loading}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (item) => <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.body}</p> }}
        pagination={{
          current: page,
          pageSize: PAGE_SIZE,
          total: answer.total,
          hideOnSinglePage: true,
          onChange: setPage,
        }}
        locale={{
          emptyText: (
            <ReadableText>
              {status || scope ? '没有符合条件的公告' : '还没有公告，点击“新建公告”撰写第一条'}
            </ReadableText>
          ),
        }}
      />
      <AnnouncementEditor
        open={editing !== null}
        editing={editing === 'new' ? null : editing}
        ownHospital={ownHospital}
        hospitals={hospitals.options}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
    </>
  );
}
