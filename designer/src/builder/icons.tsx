// Icons of the field types (palette, canvas, property panel) and of apps. Typed by FieldType so
// a new type does not build until it has an icon.
import type { ReactNode } from 'react';
import type { FieldType } from '@tessera/form-engine';
import {
  AlignLeftOutlined, ApartmentOutlined, AppstoreOutlined, AuditOutlined, BarChartOutlined, CalendarOutlined, CarOutlined,
  CheckCircleOutlined, CheckSquareOutlined, ColumnWidthOutlined, ControlOutlined, CustomerServiceOutlined, DatabaseOutlined,
  EnvironmentOutlined, ExperimentOutlined, FieldNumberOutlined, FieldTimeOutlined, FileSearchOutlined, FileTextOutlined,
  FolderOutlined, FontSizeOutlined, FunctionOutlined, GroupOutlined, InboxOutlined, InfoCircleOutlined, LinkOutlined,
  MoneyCollectOutlined, NumberOutlined, PaperClipOutlined, PercentageOutlined, PictureOutlined, QrcodeOutlined,
  SafetyCertificateOutlined, ScanOutlined, ShopOutlined, ShoppingCartOutlined, SignatureOutlined, TableOutlined,
  TeamOutlined, ToolOutlined, UserOutlined,
} from '@ant-design/icons';

export const FIELD_ICONS: Record<FieldType, ReactNode> = {
  text: <FontSizeOutlined aria-hidden />,
  textarea: <AlignLeftOutlined aria-hidden />,
  number: <NumberOutlined aria-hidden />,
  money: <MoneyCollectOutlined aria-hidden />,
  percent: <PercentageOutlined aria-hidden />,
  date: <CalendarOutlined aria-hidden />,
  datetime: <FieldTimeOutlined aria-hidden />,
  select: <CheckCircleOutlined aria-hidden />,
  multiselect: <CheckSquareOutlined aria-hidden />,
  switch: <ControlOutlined aria-hidden />,
  member: <UserOutlined aria-hidden />,
  department: <ApartmentOutlined aria-hidden />,
  attachment: <PaperClipOutlined aria-hidden />,
  image: <PictureOutlined aria-hidden />,
  signature: <SignatureOutlined aria-hidden />,
  location: <EnvironmentOutlined aria-hidden />,
  serial: <FieldNumberOutlined aria-hidden />,
  relation: <LinkOutlined aria-hidden />,
  lookup: <FileSearchOutlined aria-hidden />,
  subform: <TableOutlined aria-hidden />,
  formula: <FunctionOutlined aria-hidden />,
  barcode: <ScanOutlined aria-hidden />,
  description: <InfoCircleOutlined aria-hidden />,
  section: <GroupOutlined aria-hidden />,
  tabs: <FolderOutlined aria-hidden />,
  columns: <ColumnWidthOutlined aria-hidden />,
};

/** The icons an app can have (stored by key in the app's `icon`). */
export const APP_ICONS: Record<string, ReactNode> = {
  appstore: <AppstoreOutlined aria-hidden />,
  quality: <SafetyCertificateOutlined aria-hidden />,
  inspection: <AuditOutlined aria-hidden />,
  lab: <ExperimentOutlined aria-hidden />,
  supplier: <ShopOutlined aria-hidden />,
  purchase: <ShoppingCartOutlined aria-hidden />,
  warehouse: <InboxOutlined aria-hidden />,
  shipping: <CarOutlined aria-hidden />,
  trace: <QrcodeOutlined aria-hidden />,
  complaint: <CustomerServiceOutlined aria-hidden />,
  team: <TeamOutlined aria-hidden />,
  maintenance: <ToolOutlined aria-hidden />,
  report: <BarChartOutlined aria-hidden />,
  data: <DatabaseOutlined aria-hidden />,
  document: <FileTextOutlined aria-hidden />,
};

export const APP_COLORS = ['#1677ff', '#13c2c2', '#52c41a', '#fa8c16', '#f5222d', '#eb2f96', '#722ed1', '#2f54eb', '#595959'];

export function AppIcon({ icon, color, size = 40 }: { icon?: string; color?: string; size?: number }) {
  return (
    <span aria-hidden style={{ display: 'inline-grid', placeItems: 'center', width: size, height: size, borderRadius: size / 4, background: color ?? '#1677ff', color: '#fff', fontSize: size * 0.5, flex: 'none' }}>
      {APP_ICONS[icon ?? 'appstore'] ?? APP_ICONS.appstore}
    </span>
  );
}
