// Home: the apps as cards (admins also create and import apps here); inside an app, its
// forms as cards. Empty states say what to do next, and a failed load says so with a retry.
import { useState, type ReactNode } from 'react';
import { Button, Card, Col, Empty, Result, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Link, useNavigate, useOutletContext, useParams } from 'react-router-dom';
import { dataFields, textOf } from '@tessera/form-engine';
import type { AppInfo } from '../lib/api';
import { fmt, relativeTime, useT } from '../lib/i18n';
import { useSession } from '../lib/session';
import type { ShellContext } from './AppShell';
import { AppIcon } from '../builder/icons';
import { useBT } from '../builder/i18n';
import { NewAppDialog } from '../builder/apps/NewAppDialog';
import { ImportAppButton } from '../builder/apps/ImportApp';

/**
 * A card whose title is its link (what the keyboard and screen readers reach); a click anywhere
 * else on the card follows it too. Buttons in the card sit beside the link, never inside it.
 */
function LinkCard({ to, children, bodyStyle }: { to: string; children: ReactNode; bodyStyle?: React.CSSProperties }) {
  const navigate = useNavigate();
  return (
    <Card
      hoverable
      onClick={(e) => !(e.target as HTMLElement).closest('a, button') && navigate(to)}
      style={{ height: '100%' }}
      styles={{ body: bodyStyle }}
    >
      {children}
    </Card>
  );
}

function AppCard({ app, admin }: { app: AppInfo; admin: boolean }) {
  const { t, locale } = useT();
  const { b } = useBT();
  const navigate = useNavigate();
  const to = admin && !app.publishedVersion ? `/builder/apps/${app.id}` : `/apps/${app.id}`;
  const name = textOf(app.name, locale);
  return (
    <LinkCard to={to} bodyStyle={{ display: 'flex', gap: 16 }}>
      <AppIcon icon={app.icon} color={app.color} size={48} />
      <div style={{ minWidth: 0, flex: 1 }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8 }}>
          <Link to={to} style={{ fontSize: 16, fontWeight: 600, color: 'inherit', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{name}</Link>
          {admin ? (
            <Button size="small" icon={<EditOutlined aria-hidden />} aria-label={fmt(b.buildApp, { name })} onClick={() => navigate(`/builder/apps/${app.id}`)}>{b.build}</Button>
          ) : null}
        </div>
        {textOf(app.description, locale) ? <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ margin: '4px 0' }}>{textOf(app.description, locale)}</Typography.Paragraph> : null}
        {admin ? (
          <Space size={4} wrap style={{ marginTop: 4 }}>
            <Tag>{fmt(b.formsCount, { n: app.formCount ?? 0 })}</Tag>
            {app.publishedVersion ? <Tag color="green">{fmt(b.publishedV, { v: app.publishedVersion })}</Tag> : <Tag>{b.notPublished}</Tag>}
            {app.publishedVersion && app.draftChanged ? <Tag color="orange">{b.draftChanged}</Tag> : null}
          </Space>
        ) : null}
        {admin && app.updatedAt ? (
          <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block', marginTop: 4 }}>
            {app.updatedBy?.name ? fmt(b.updatedBy, { who: app.updatedBy.name, when: relativeTime(app.updatedAt, t) }) : fmt(b.updatedWhen, { when: relativeTime(app.updatedAt, t) })}
          </Typography.Text>
        ) : null}
      </div>
    </LinkCard>
  );
}

export function HomePage() {
  const { t, locale } = useT();
  const { b } = useBT();
  const { me } = useSession();
  const admin = !!me?.isAdmin;
  const { appId } = useParams();
  const navigate = useNavigate();
  const { apps, forms, published, publishedError, reloadPublished, appsLoaded, appsError, reloadApps } = useOutletContext<ShellContext>();
  const [creating, setCreating] = useState(false);

  if (appId) {
    const app = apps.find((a) => a.id === appId);
    return (
      <div>
        <Typography.Title level={3}>{app ? textOf(app.name, locale) : ''}</Typography.Title>
        {publishedError ? <Result status="warning" title={t.loadFailed} subTitle={publishedError} extra={<Button type="primary" onClick={reloadPublished}>{b.retry}</Button>} /> : null}
        {published === undefined && !publishedError ? <Skeleton active /> : null}
        {published === null ? (
          <Empty description={admin ? b.notPublished : t.noForms}>
            {admin ? <Button type="primary" onClick={() => navigate(`/builder/apps/${appId}`)}>{b.build}</Button> : null}
          </Empty>
        ) : null}
        {published && forms.length === 0 ? <Empty description={t.noForms} /> : null}
        <Row gutter={[16, 16]}>
          {forms.map((f) => (
            <Col key={f.id} xs={24} sm={12} lg={8}>
              <LinkCard to={`/apps/${appId}/forms/${f.id}`}>
                <Card.Meta
                  title={<Link to={`/apps/${appId}/forms/${f.id}`} style={{ color: 'inherit' }}>{textOf(f.title, locale) || b.untitledForm}</Link>}
                  description={textOf(f.description, locale) || fmt(b.fieldsCount, { n: dataFields(f.fields).length })}
                />
              </LinkCard>
            </Col>
          ))}
        </Row>
      </div>
    );
  }
  return (
    <div>
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap', marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t.apps}</Typography.Title>
        {admin ? (
          <Space>
            <ImportAppButton onImported={(a) => { reloadApps(); navigate(`/builder/apps/${a.id}`); }} />
            <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{b.newApp}</Button>
          </Space>
        ) : null}
      </div>
      {!appsLoaded ? <Skeleton active /> : null}
      {appsError ? <Result status="warning" title={t.loadFailed} subTitle={appsError} extra={<Button onClick={reloadApps}>{b.retry}</Button>} /> : null}
      {appsLoaded && !appsError && apps.length === 0 ? (
        <Empty description={<><div>{admin ? b.noAppsYet : t.noApps}</div><Typography.Text type="secondary">{admin ? b.noAppsHint : t.noAppsMember}</Typography.Text></>}>
          {admin ? <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>{b.newApp}</Button> : null}
        </Empty>
      ) : null}
      <Row gutter={[16, 16]}>
        {apps.map((a) => (
          <Col key={a.id} xs={24} sm={12} lg={8}>
            <AppCard app={a} admin={admin} />
          </Col>
        ))}
      </Row>
      <NewAppDialog open={creating} onClose={() => setCreating(false)} onCreated={(a) => { setCreating(false); reloadApps(); navigate(`/builder/apps/${a.id}`); }} />
    </div>
  );
}
