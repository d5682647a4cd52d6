// How store errors reach a client: each code its own status, code and message per language.
import { mapError, StoreError } from '../../src';

test('a malformed id is 422 INVALID_ID, told apart from a clash (409 DUPLICATE)', () => {
  const invalid = new StoreError('INVALID_ID', 'x is not a file id', [{ path: 'id', code: 'pattern' }]);
  expect(mapError(invalid, { locale: 'en-US' })).toEqual({ status: 422, code: 'INVALID_ID', message: 'Not a valid id: 24 hexadecimal characters', details: [{ path: 'id', code: 'pattern' }] });
  expect(mapError(invalid)?.message).toBe('ID 无效：应为 24 位十六进制字符');
  expect(mapError(new StoreError('DUPLICATE_KEY', 'taken', { index: '_id' }))).toEqual({ status: 409, code: 'DUPLICATE', message: '唯一值重复', details: { index: '_id' } });
});

test('MongoDB limits and conflicts each get their own 4xx, in the reader\'s language, never a 500', () => {
  const conflict = new StoreError('TX_CONFLICT', 'The transaction kept conflicting with other writes');
  expect(mapError(conflict, { locale: 'en-US' })).toEqual({ status: 409, code: 'TX_CONFLICT', message: 'Others were changing the same data at the same moment, so this save did not go through; try again in a moment', details: [] });
  expect(mapError(conflict)?.message).toBe('同时有其他人在修改相同的数据，这次保存没有生效，请稍后重试');
  const key = new StoreError('INVALID_KEY', 'bad key', { path: 'a.$x', key: '$x' });
  expect(mapError(key, { locale: 'en-US' })).toEqual({ status: 400, code: 'INVALID_KEY', message: 'Names in the data may not start with "$" or contain "."', details: { path: 'a.$x', key: '$x' } });
  const large = new StoreError('DOCUMENT_TOO_LARGE', 'too large', { bytes: 17_000_000, limit: 16_777_216 });
  expect(mapError(large)).toEqual({ status: 413, code: 'DOCUMENT_TOO_LARGE', message: '这条数据超过了 16 MB 的上限，请减少内容（例如子表单的行数）后再保存', details: { bytes: 17_000_000, limit: 16_777_216 } });
  expect(mapError(new StoreError('INDEX_LIMIT', 'too many', { count: 65, limit: 64 }), { locale: 'en-US' })).toMatchObject({ status: 422, code: 'TOO_MANY_INDEXES' });
});
