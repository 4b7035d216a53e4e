import { App as AntApp, ConfigProvider } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ConsoleLayout } from './layout/console-layout';
import { RequireSession } from './layout/require-session';
import { NAVIGATION } from './navigation';
import { ChangePasswordPage } from './pages/password/change-password-page';
import { LoginPage } from './pages/login/login-page';
import { SessionProvider } from './session/session-context';
import { THEME } from './theme';
import { PageGuard } from './layout/page-guard';

dayjs.locale('zh-cn');

export function App() {
  return (
    <ConfigProvider locale={zhCN} theme={THEME}>
      <AntApp>
        <BrowserRouter basename="/console">
          <SessionProvider>
            <Routes>
              <Route path="/login" element={<LoginPage />} />
              <Route
                element={
                  <RequireSession>
                    <ConsoleLayout />
                  </RequireSession>
                }
              >
                <Route path="/password" element={<ChangePasswordPage />} />
                {NAVIGATION.map((entry) => (
                  <Route key={entry.path} path={entry.path} element={<PageGuard entry={entry} />} />
                ))}
                <Route path="*" element={<Navigate to="/" replace />} />
              </Route>
            </Routes>
          </SessionProvider>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}
