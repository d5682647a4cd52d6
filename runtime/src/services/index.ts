// Services of the runtime: records, the audit trail, the filter language.
export { RecordsService, formIndexes, recordsCollection, actorOf, type RecordDoc, type ListQuery, type RecordsServiceOptions, type CommentDoc } from './records';
export { appendAudit, verifyAuditChain, diffRecords, canonicalJson, type AuditEntry, type AuditActor, type FieldChange } from './audit';
export { compileFilter, filterableFields, scopeFilter, parseSort, escapeRegex } from './filter';
