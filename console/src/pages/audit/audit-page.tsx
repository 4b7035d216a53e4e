import type { QueryOf } from '@cityhealth/shared-types';
import { Alert, Card, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { useAnswer } from '../../api/use-answer';
import { callOperation } from '../../api/client';
import { AuditFilters, type AuditFilterValues } from './audit-filters';
import { AuditTable } from './audit-table';

const PAGE_SIZE = 20;
const DAY = 'YYYY-MM-DD';
type AuditQuery = NonNullable<QueryOf<'auditSearch'>>;

const blankToUndefined = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

function queryOf(v: AuditFilterValues): AuditQuery {
  return {
    actorType: v.actorType,
    actorId: blankToUndefined(v.actorId),
    staff: blankToUndefined(v.staff),
    action: blankToUndefined(v.action),
    targetType: blankToUndefined(v.targetType),
    targetId: blankToUndefined(v.targetId),
    from: v.range?.[0].format(DAY),
    to: v.range?.[1].format(DAY),
  };
}

/** 审计日志: who did what to what and when, searched by actor, action (or prefix), target and date. */
export default function AuditPage() {
  const [query, setQuery] = useState<AuditQuery>({});
  const [page, setPage] = useState(1);

  const {
    data: answer,
    loading,
    error,
  } = useAnswer(
    useCallback(() => callOperation('auditSearch', { query: { ...query, page, pageSize: PAGE_SIZE } }), [query, page]),
  );

  return (
    <>
      <Typography.Title level={1} className="console-page-title">
        审计日志
      </Typography.Title>
      <Card className="console-filters">
        <AuditFilters
          onSearch={(v) => {
            setQuery(queryOf(v));
            setPage(1);
          }}
        />
        <Typography.Text type="secondary" style={{ display: 'block', marginTop: 12 }}>
          日期按北京时间；证件号、手机号与来源地址均已脱敏。
        </Typography.Text>
      </Card>
      {error && <Alert type="error" showIcon role="alert" message={error} style={{ marginBottom: 16 }} />}
      <Card title={answer ? `共 ${answer.total} 条` : '审计记录'}>
        <AuditTable
          items={answer?.items ?? []}
          loading={loading}
          pagination={{
            current: page,
            pageSize: PAGE_SIZE,
            total: answer?.total ?? 0,
            hideOnSinglePage: true,
            showSizeChanger: false,
            onChange: setPage,
          }}
        />
      </Card>
    </>
  );
}
