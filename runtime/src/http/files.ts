// Files for attachment, image and signature fields: upload (multipart) and download, through
// the store's file store (GridFS on MongoDB, a folder on the embedded store).
import multipart from '@fastify/multipart';
import type { FastifyPluginAsync } from 'fastify';
import type { Store } from '../storage';
import { AppError } from './errors';
import { requireUser, type Principal } from './principal';

export interface FilesPluginOptions {
  store: Store;
  /** Largest upload in bytes (default 20 MiB). */
  maxBytes?: number;
  /** Whether the caller may read the file through a record they can see (the one permission check). */
  readableThroughRecord(principal: Principal, fileId: string): Promise<boolean>;
}

/** Content types accepted for stored files (uploads and app packages). */
export const ALLOWED_FILE_TYPES = /^(image\/(png|jpeg|gif|webp)|application\/pdf|text\/(plain|csv)|application\/(zip|vnd\.openxmlformats-officedocument\.[a-z.]+|vnd\.ms-excel|msword))$/;

export const filesPlugin: FastifyPluginAsync<FilesPluginOptions> = async (app, { store, maxBytes = 20 * 1024 * 1024, readableThroughRecord }) => {
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1, fields: 5 } });
  const fileRef = { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, size: { type: 'integer' }, contentType: { type: 'string' } } };

  app.post('/files', { schema: { tags: ['files'], summary: 'Upload one file (multipart/form-data, field "file")', consumes: ['multipart/form-data'], response: { 201: fileRef, 400: { $ref: 'ErrorBody#' }, 401: { $ref: 'ErrorBody#' }, 413: { $ref: 'ErrorBody#' }, 415: { $ref: 'ErrorBody#' } } } }, async (request, reply) => {
    const p = requireUser(request);
    if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { 'zh-CN': '请以 multipart/form-data 上传文件', 'en-US': 'Send the file as multipart/form-data' });
    const part = await request.file();
    if (!part) throw new AppError('BAD_REQUEST', { 'zh-CN': '请求中没有文件', 'en-US': 'No file in the request' }, [{ path: 'file', message: { 'zh-CN': '缺少文件', 'en-US': 'missing' } }]);
    if (!ALLOWED_FILE_TYPES.test(part.mimetype)) throw new AppError('UNSUPPORTED_MEDIA_TYPE', { 'zh-CN': `不接受 ${part.mimetype} 类型的文件`, 'en-US': `Files of type ${part.mimetype} are not accepted` }, [{ path: 'file', message: part.mimetype }]);
    const data = await part.toBuffer().catch((e: unknown) => {
      if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', { 'zh-CN': `文件超过了 ${Math.round(maxBytes / 1024 / 1024)} MB`, 'en-US': `The file is larger than ${Math.round(maxBytes / 1024 / 1024)} MB` });
      throw e;
    });
    const info = await store.files.put({ filename: part.filename.slice(0, 300), contentType: part.mimetype, data, metadata: { uploadedBy: p.userId } });
    return reply.code(201).send({ id: info._id, name: info.filename, size: info.length, contentType: info.contentType });
  });

  app.get('/files/:id', { schema: { tags: ['files'], summary: 'Download a file', params: { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'string', pattern: '^[0-9a-f]{24}$' } } } } }, async (request, reply) => {
    const p = requireUser(request);
    const fileId = (request.params as { id: string }).id;
    const file = await store.files.get(fileId);
    // A file belongs to the records holding it: readable by whoever can see one of them (and by
    // its uploader, before a record holds it); to anyone else it does not exist.
    const readable = file && (p.isAdmin || file.info.metadata?.uploadedBy === p.userId || (await readableThroughRecord(p, fileId)));
    if (!file || !readable) throw new AppError('NOT_FOUND', { 'zh-CN': '文件不存在', 'en-US': 'File not found' });
    const safeName = encodeURIComponent(file.info.filename);
    return reply
      .header('content-type', file.info.contentType)
      .header('content-disposition', `${file.info.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename*=UTF-8''${safeName}`)
      .send(file.data);
  });
};
