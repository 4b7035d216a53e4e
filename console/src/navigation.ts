import type { StaffRole } from '@cityhealth/shared-types/labels';
import { routes } from '@cityhealth/shared-types/routes';
import {
  AccountBookOutlined,
  AuditOutlined,
  BankOutlined,
  BarChartOutlined,
  CalendarOutlined,
  HomeOutlined,
  NodeIndexOutlined,
  NotificationOutlined,
  PhoneOutlined,
  StopOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import { type ComponentType, createElement, lazy, type LazyExoticComponent, type ReactNode } from 'react';

/** The contract operations that staff call (those with a `staff` access list). */
export type StaffOperation = {
  [K in keyof typeof routes]: (typeof routes)[K] extends { staff: unknown } ? K : never;
}[keyof typeof routes];

export interface ConsolePage {
  /** The address under /console, also the menu key. */
  path: string;
  /** The menu entry and the page title. */
  label: string;
  icon: ReactNode;
  /**
   * The operation the page cannot work without: it is in the menu, and can be opened, exactly
   * for the roles the contract lets call it (routes[operation].staff).
   */
  operation: StaffOperation;
  page: LazyExoticComponent<ComponentType>;
}

/** Every page of the side menu, in menu order. Adding a page is adding a line here (see README.md). */
export const NAVIGATION: readonly ConsolePage[] = [
  {
    path: '/',
    label: '工作台首页',
    icon: createElement(HomeOutlined),
    operation: 'staffSession',
    page: lazy(() => import('./pages/home/home-page')),
  },
  {
    path: '/reconciliation',
    label: '对账',
    icon: createElement(AccountBookOutlined),
    operation: 'reconciliations',
    page: lazy(() => import('./pages/reconciliation/reconciliation-page')),
  },
  {
    path: '/statistics',
    label: '统计分析',
    icon: createElement(BarChartOutlined),
    operation: 'statistics',
    page: lazy(() => import('./pages/statistics/statistics-page')),
  },
  {
    path: '/phone',
    label: '电话预约',
    icon: createElement(PhoneOutlined),
    operation: 'phoneBook',
    page: lazy(() => import('./pages/phone/phone-page')),
  },
  {
    path: '/scheduling',
    label: '排班与就诊',
    icon: createElement(CalendarOutlined),
    operation: 'consoleSessions',
    page: lazy(() => import('./pages/scheduling/scheduling-page')),
  },
  {
    path: '/content',
    label: '公告与帮助',
    icon: createElement(NotificationOutlined),
    operation: 'consoleAnnouncements',
    page: lazy(() => import('./pages/content/content-page')),
  },
  {
    path: '/hospitals',
    label: '医院管理',
    icon: createElement(BankOutlined),
    operation: 'consoleHospitals',
    page: lazy(() => import('./pages/hospitals/hospitals-page')),
  },
  {
    path: '/blacklist',
    label: '黑名单',
    icon: createElement(StopOutlined),
    operation: 'blacklist',
    page: lazy(() => import('./pages/blacklist/blacklist-page')),
  },
  {
    path: '/audit',
    label: '审计日志',
    icon: createElement(AuditOutlined),
    operation: 'auditSearch',
    page: lazy(() => import('./pages/audit/audit-page')),
  },
  {
    path: '/slot-trace',
    label: '号源追溯',
    icon: createElement(NodeIndexOutlined),
    operation: 'slotTrace',
    page: lazy(() => import('./pages/slot-trace/slot-trace-page')),
  },
  {
    path: '/staff',
    label: '员工账号',
    icon: createElement(TeamOutlined),
    operation: 'listStaff',
    page: lazy(() => import('./pages/staff/staff-page')),
  },
];

/** Whether the contract lets a role call an operation. */
export function roleMay(role: StaffRole, operation: StaffOperation): boolean {
  const access = routes[operation].staff;
  return access === 'any' || (access as readonly StaffRole[]).includes(role);
}

/** The pages a role sees in its menu and may open. */
export const pagesFor = (role: StaffRole): ConsolePage[] => NAVIGATION.filter((p) => roleMay(role, p.operation));
