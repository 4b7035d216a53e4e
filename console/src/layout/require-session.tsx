import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useSession } from '../session/session-context';

/** Renders its children for a signed-in person; sends others to 登录, and a forced password change first. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (session === undefined)
    return (
      <div className="console-loading">
        <Spin size="large" tip="正在加载…">
          <div className="console-loading-box" />
        </Spin>
      </div>
    );
  if (session === null) return <Navigate to="/login" replace />;
  if (session.staff.mustChangePassword && location.pathname !== '/password') return <Navigate to="/password" replace />;
  return children;
}
