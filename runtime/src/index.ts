// Public surface of the runtime package.
export * from './storage';
export * from './http/errors';
export * from './http/principal';
export * from './config';
export { systemClock, nowIso, nowSeconds, type Clock } from './clock';
export { buildServer, CSP_DIRECTIVES, DEFAULT_TIMEOUTS, HSTS, type BuildServerOptions, type ServerTimeouts } from './http/server';
export { installGracefulShutdown, type GracefulShutdownOptions } from './http/shutdown';
export { mapError, validationIssues, type MapOptions } from './http/error-handler';
export { requestLocale, localeOfHeader } from './http/locale';
export { parseJsonBody, MAX_JSON_DEPTH } from './http/json-body';
export { compileShapeCheck, type ShapeCheck, type ShapeError } from './http/shape-check';
export * from './services';
export { recordsPlugin, type RecordsPluginOptions } from './http/records';
export { commentsPlugin, type CommentsPluginOptions } from './http/comments';
export { notificationsPlugin, type NotificationsPluginOptions } from './http/notifications';
export { filesPlugin, ALLOWED_FILE_TYPES, type FilesPluginOptions } from './http/files';
