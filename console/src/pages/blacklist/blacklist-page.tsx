import type { BlacklistPerson } from '@cityhealth/shared-types';
import { Alert, Button, Card, Flex, Input, Segmented, Space, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { messageOf } from '../../api/api-error';
import { useAnswer } from '../../api/use-answer';
import { callOperation } from '../../api/client';
import { PeopleTable } from './people-table';
import { PersonDrawer } from './person-drawer';

type SearchBy = 'idNumber' | 'phone' | 'name';
const SEARCH_BY: { value: SearchBy; label: string; placeholder: string }[] = [
  { value: 'idNumber', label: '身份证号', placeholder: '完整的 18 位身份证号' },
  { value: 'phone', label: '手机号', placeholder: '完整的 11 位手机号' },
  { value: 'name', label: '姓名', placeholder: '完整姓名' },
];
const PAGE_SIZE = 20;

/** 黑名单: the people suspended for no-shows, finding one person, their no-shows, and lifting (administrators). */
export default function BlacklistPage() {
  const [by, setBy] = useState<SearchBy>('idNumber');
  const [text, setText] = useState('');
  const [found, setFound] = useState<BlacklistPerson[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a new revision (after a lifting) reads again
  const loadSuspended = useCallback(
    () => callOperation('blacklist', { query: { page, pageSize: PAGE_SIZE } }),
    [page, revision],
  );
  const { data: suspended, loading, error } = useAnswer(loadSuspended);

  const search = useCallback(
    async (value: string) => {
      const typed = value.trim();
      if (!typed) {
        setFound(null);
        setSearchError(null);
        return;
      }
      setSearching(true);
      try {
        setFound((await callOperation('blacklistSearch', { query: { [by]: typed } })).items);
        setSearchError(null);
      } catch (e) {
        setSearchError(messageOf(e));
        setFound(null);
      } finally {
        setSearching(false);
      }
    },
    [by],
  );

  const placeholder = SEARCH_BY.find((s) => s.value === by)!.placeholder;
  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        黑名单
      </Typography.Title>
      <Card className="console-filters" title="查找人员">
        <Space wrap>
          <Segmented<SearchBy>
            aria-label="查找方式"
            value={by}
            onChange={(v) => {
              setBy(v);
              setText('');
              setFound(null);
              setSearchError(null);
            }}
            options={SEARCH_BY.map(({ value, label }) => ({ value, label }))}
          />
          <Input.Search
            aria-label={placeholder}
            style={{ width: 320 }}
            placeholder={placeholder}
            allowClear
            enterButton="查找"
            value={text}
            loading={searching}
            onChange={(e) => setText(e.target.value)}
            onSearch={search}
          />
        </Space>
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
          证件号与手机号须输入完整号码；结果只显示脱敏信息，每次查找均记入审计日志。
        </Typography.Text>
        {searchError && <Alert type="error" showIcon role="alert" message={searchError} style={{ marginTop: 16 }} />}
        {found && (
          <div style={{ marginTop: 16 }}>
            <PeopleTable
              items={found}
              loading={searching}
              emptyText="没有找到符合条件的人员"
              pagination={false}
              onOpen={(p) => setOpen(p.personId)}
            />
          </div>
        )}
      </Card>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Card
        title={
          <Flex gap={8} align="baseline">
            暂停预约中的人员
            {suspended && <Typography.Text type="secondary">共 {suspended.total} 人</Typography.Text>}
          </Flex>
        }
        extra={<Button onClick={() => setRevision((r) => r + 1)}>刷新</Button>}
      >
        <PeopleTable
          items={suspended?.items ?? []}
          loading={loading}
          emptyText="目前没有因爽约暂停预约的人员"
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: suspended?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: setPage,
          }}
          onOpen={(p) => setOpen(p.personId)}
        />
      </Card>
      <PersonDrawer
        personId={open}
        onClose={() => setOpen(null)}
        onChanged={() => {
          setRevision((r) => r + 1);
          if (found) void search(text);
        }}
      />
    </>
  );
}
