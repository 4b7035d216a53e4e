import { PlusOutlined } from '@ant-design/icons';
import type { ConsoleHelpArticle, ContentStatus } from '@cityhealth/shared-types';
import { Alert, App, Button, Flex, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { callOperation } from '../../api/client';
import { useAnswer } from '../../api/use-answer';
import { ContentActions, Provenance, StatusTag } from './content-status';
import { HelpEditor } from './help-editor';
import { ReadableText } from '../../components/readable-text';

/** 帮助中心 (administrators): every article in its order, in every state. */
export function HelpTab() {
  const { message } = App.useApp();
  const [editing, setEditing] = useState<ConsoleHelpArticle | null | 'new'>(null);

  const listed = useAnswer(useCallback(() => callOperation('consoleHelpArticles', { query: {} }), []));
  const { loading, error, reload: load } = listed;
  const items = listed.data?.items ?? [];

  const change = async (item: ConsoleHelpArticle, operation: 'publishHelpArticle' | 'withdrawHelpArticle') => {
    try {
      await callOperation(operation, { params: { id: item.id } });
      message.success(operation === 'publishHelpArticle' ? '已发布' : '已撤下');
    } catch (e) {
      message.error(messageOf(e));
    }
    load();
  };

  const columns: ColumnsType<ConsoleHelpArticle> = [
    { title: '排序', dataIndex: 'sort', width: 72 },
    { title: '分类', dataIndex: 'category' },
    { title: '问题', dataIndex: 'question' },
    { title: '状态', dataIndex: 'status', render: (s: ContentStatus) => <StatusTag status={s} /> },
    { title: '最近变更', key: 'provenance', render: (_, item) => <Provenance {...item} /> },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      render: (_, item) => (
        <ContentActions
          status={item.status}
          title={item.question}
          onEdit={() => setEditing(item)}
          onPublish={() => change(item, 'publishHelpArticle')}
          onWithdraw={() => change(item, 'withdrawHelpArticle')}
        />
      ),
    },
  ];

  return (
    <>
      <Flex justify="flex-end" style={{ marginBottom: 16 }}>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
          新建帮助文章
        </Button>
      </Flex>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Table<ConsoleHelpArticle>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={items}
        loading={loading}
        scroll={{ x: 'max-content' }}
        expandable={{ expandedRowRender: (item) => <p style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{item.answer}</p> }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: <ReadableText>{'还没有帮助文章'}</ReadableText> }}
      />
      <HelpEditor
        open={editing !== null}
        editing={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
        }}
      />
    </>
  );
}
