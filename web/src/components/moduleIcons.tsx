import {
  ApartmentOutlined, AuditOutlined, BankOutlined, BookOutlined, CalendarOutlined, ScheduleOutlined, DashboardOutlined, ExperimentOutlined,
  FileTextOutlined, FlagOutlined, HomeOutlined, LineChartOutlined, MoneyCollectOutlined,
  SafetyCertificateOutlined, ShopOutlined, SlidersOutlined, TagsOutlined, TeamOutlined, UserOutlined, UsergroupAddOutlined,
} from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { ModuleKey } from '../lib/modules.js';

/** One icon per module; a Record so a new module without an icon fails the type check. */
export const MODULE_ICONS: Record<ModuleKey, ReactNode> = {
  home: <HomeOutlined />,
  policy: <BookOutlined />,
  index: <LineChartOutlined />,
  market: <ShopOutlined />,
  funding: <MoneyCollectOutlined />,
  challenges: <FlagOutlined />,
  contracts: <FileTextOutlined />,
  talent: <UsergroupAddOutlined />,
  ip: <SafetyCertificateOutlined />,
  carriers: <ExperimentOutlined />,
  finance: <BankOutlined />,
  dashboard: <DashboardOutlined />,
  orgs: <ApartmentOutlined />,
  users: <TeamOutlined />,
  qualtypes: <TagsOutlined />,
  calendar: <CalendarOutlined />,
  jobs: <ScheduleOutlined />,
  ranker: <SlidersOutlined />,
  audit: <AuditOutlined />,
  account: <UserOutlined />,
};
