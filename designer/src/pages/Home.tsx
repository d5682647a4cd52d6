// Home: the apps as cards; inside an app, its forms as cards. Empty states say what to do next.
import { Card, Col, Empty, Row, Typography } from 'antd';
import { useNavigate, useOutletContext, useParams } from 'react-router-dom';
import { textOf, type FormSchema } from '@tessera/form-engine';
import type { AppInfo } from '../api';
import { useT } from '../i18n';
import { useSession } from '../App';

export function HomePage() {
  const { t, locale } = useT();
  const { me } = useSession();
  const { appId } = useParams();
  const navigate = useNavigate();
  const { apps, forms } = useOutletContext<{ apps: AppInfo[]; forms: FormSchema[] }>();
  if (appId) {
    const app = apps.find((a) => a.id === appId);
    return (
      <div>
        <Typography.Title level={3}>{app ? textOf(app.name, locale) : ''}</Typography.Title>
        {forms.length === 0 ? <Empty description={t.noForms} /> : null}
        <Row gutter={[16, 16]}>
          {forms.map((f) => (
            <Col key={f.id} xs={24} sm={12} lg={8}>
              <Card hoverable onClick={() => navigate(`/apps/${appId}/forms/${f.id}`)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && navigate(`/apps/${appId}/forms/${f.id}`)}>
                <Card.Meta title={textOf(f.title, locale)} description={textOf(f.description, locale) || `${f.fields.length} ${t.forms === '表单' ? '个字段' : 'fields'}`} />
              </Card>
            </Col>
          ))}
        </Row>
      </div>
    );
  }
  return (
    <div>
      <Typography.Title level={3}>{t.apps}</Typography.Title>
      {apps.length === 0 ? <Empty description={<><div>{t.noApps}</div>{me?.isAdmin ? <Typography.Text type="secondary">{t.noAppsAdmin}</Typography.Text> : null}</>} /> : null}
      <Row gutter={[16, 16]}>
        {apps.map((a) => (
          <Col key={a.id} xs={24} sm={12} lg={8}>
            <Card hoverable onClick={() => navigate(`/apps/${a.id}`)} tabIndex={0} onKeyDown={(e) => e.key === 'Enter' && navigate(`/apps/${a.id}`)} style={{ borderTop: `3px solid ${a.color ?? '#1677ff'}` }}>
              <Card.Meta title={textOf(a.name, locale)} description={textOf(a.description, locale) || ' '} />
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
