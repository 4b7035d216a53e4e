import { Result, Spin } from 'antd';
import { Suspense } from 'react';
import { type ConsolePage, roleMay } from '../navigation';
import { useStaffSession } from '../session/session-context';

/** A page of the menu, opened only by a role the contract allows (a typed address is no way round it). */
export function PageGuard({ entry }: { entry: ConsolePage }) {
  const { staff } = useStaffSession();
  if (!roleMay(staff.role, entry.operation))
    return <Result status="403" title="无权访问" subTitle={`${staff.roleLabel}不能使用“${entry.label}”。`} />;
  const Page = entry.page;
  return (
    <Suspense fallback={<Spin className="console-page-loading" />}>
      <Page />
    </Suspense>
  );
}
