// Services of the runtime: records, the audit trail, the filter language, comments and notifications.
export { RecordsService, fullCaller, recordsCollection, actorOf, type Caller, STORED_BATCH, type RecordDoc, type ListQuery, type RecordsServiceOptions, type StoredRecord, type StoredWrite } from './records';
export { formIndexes, keptViewIndexes, uniqueFields, VIEW_INDEX_PREFIX, viewIndexes } from './form-plan';
export { appendAudit, setAuditKey, sealAuditHead, diffRecords, canonicalJson, type AuditEntry, type AuditActor, type FieldChange } from './audit';
export { verifyAuditChain, type AuditVerdict } from './audit-verify';
export { compileFilter, filterableFields, scopeFilter, parseSort, escapeRegex } from './filter';
export { ACTIONS, FormAccess, RECORD_DEPARTMENTS, FIELD_READ_ONLY, ACTION_FORBIDDEN, forbidden, scopeToFilter, type Action, type RowScope, type FieldMode, type FormGrant, type AccessSubject } from './permissions';
export { CommentsService, type CommentDoc, type CommentsServiceOptions, type Mentionable, type PeopleQuery } from './comments';
export { Notifications, NOTIFICATIONS, NOTIFICATION_KINDS, type NotificationDoc, type NotificationKind, type NotificationLink, type NewNotification, type Recipient } from './notifications';
