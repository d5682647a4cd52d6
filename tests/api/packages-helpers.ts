// Shared by the app package tests (apps-packages*.test.ts): the records URL, the package shape,
// and export / import / file upload through HTTP as admin.
import type { TestApp } from '../helpers/app';

export const recs = (app: string, form: string) => `/api/apps/${app}/forms/${form}/records`;
export type Json = Record<string, unknown>;
export type Pkg = { format: string; app: Json; forms: Json[]; records?: Record<string, Json[]>; files?: Json[] };

export async function upload(t: TestApp, name: string, text: string): Promise<Json> {
  const boundary = '----tessera';
  const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: text/plain\r\n\r\n${text}\r\n--${boundary}--\r\n`;
  const res = await t.inject('POST', '/api/files', body, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.statusCode).toBe(201);
  return res.json();
}

export async function exported(t: TestApp, appId: string, query = ''): Promise<string> {
  const res = await t.inject('GET', `/api/apps/${appId}/export${query}`);
  expect(res.statusCode).toBe(200);
  return res.body;
}

export async function imported(t: TestApp, pkg: string | Json, query = '') {
  return t.inject('POST', `/api/apps/import${query}`, pkg, { 'content-type': 'application/json' });
}
