// How store errors reach a client: each code its own status, code and message per language.
import { mapError, StoreError } from '../../src';

test('a malformed id is 422 INVALID_ID, told apart from a clash (409 DUPLICATE)', () => {
  const invalid = new StoreError('INVALID_ID', 'x is not a file id', [{ path: 'id', code: 'pattern' }]);
  expect(mapError(invalid, { locale: 'en-US' })).toEqual({ status: 422, code: 'INVALID_ID', message: 'Not a valid id: 24 hexadecimal characters', details: [{ path: 'id', code: 'pattern' }] });
  expect(mapError(invalid)?.message).toBe('ID 无效：应为 24 位十六进制字符');
  expect(mapError(new StoreError('DUPLICATE_KEY', 'taken', { index: '_id' }))).toEqual({ status: 409, code: 'DUPLICATE', message: '唯一值重复', details: { index: '_id' } });
});
