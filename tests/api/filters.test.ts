// The records list filter through HTTP, operator by operator: for each operator and field type,
// the exact set of records that must match (so the ones that must not are absent), blanks,
// dates across a day boundary in the tenant's zone (Asia/Shanghai by default, and a tenant set to
// America/Los_Angeles), datetimes sent with an offset stored as UTC, literal $regex,
// nested $and/$or with search, sort and cursor pages, and every refusal with its code and path.
// Seven records R1…R7 (R4 has explicit blanks, R5 has nothing but its name) are chosen so that
// compiling an operator as its neighbour ($gte as $gt, $nin as $in, $ne without blanks) changes
// the set.
import { t, app, url, ids, q, match, refused, ALL, except, useFiltersApp } from './filters-setup';

useFiltersApp();


test('the fixture is stored as the tests assume: blanks as null or [], relations with display text', async () => {
  const r4 = (await t.inject('GET', `${url}/${ids.R4}`)).json();
  expect(r4).toMatchObject({ note: null, qty: null, tags: [], part: null });
  const r1 = (await t.inject('GET', `${url}/${ids.R1}`)).json();
  expect(r1).toMatchObject({ part: { id: ids.PA, display: 'PA' }, partCode: 'PA', parts: [{ id: ids.PA, display: 'PA' }, { id: ids.PB, display: 'PB' }] });
  expect(await match({})).toEqual(ALL);
});

describe('numbers (number, percent, money) compare as numbers; $ne and $nin include blank records', () => {
  test.each([
    ['$eq', { qty: { $eq: 5 } }, ['R1']],
    ['plain value', { qty: 5 }, ['R1']],
    ['$eq 0 (0 is a value, not a blank)', { qty: 0 }, ['R3']],
    ['$ne', { qty: { $ne: 5 } }, except('R1')],
    ['$gt', { qty: { $gt: 5 } }, ['R2', 'R7']],
    ['$gte', { qty: { $gte: 5 } }, ['R1', 'R2', 'R7']],
    ['$lt', { qty: { $lt: 5 } }, ['R3', 'R6']],
    ['$lte', { qty: { $lte: 5 } }, ['R1', 'R3', 'R6']],
    ['$gt and $lt together (a range)', { qty: { $gt: 0, $lt: 10 } }, ['R1']],
    ['$gte and $lte together (a closed range)', { qty: { $gte: 0, $lte: 10 } }, ['R1', 'R2', 'R3', 'R7']],
    ['$in', { qty: { $in: [0, 10] } }, ['R2', 'R3', 'R7']],
    ['$nin', { qty: { $nin: [0, 10] } }, ['R1', 'R4', 'R5', 'R6']],
    ['$in with null (missing or null)', { qty: { $in: [null, -3] } }, ['R4', 'R5', 'R6']],
    ['$in with 500 values (the most it takes)', { qty: { $in: Array.from({ length: 500 }, (_, i) => i - 3) } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['$eq null (missing or null)', { qty: null }, ['R4', 'R5']],
    ['$ne null', { qty: { $ne: null } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['$exists true (0 is filled)', { qty: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['$exists false (null and missing are blank)', { qty: { $exists: false } }, ['R4', 'R5']],
    ['percent $gte (stored as a fraction)', { pct: { $gte: 0.5 } }, ['R1', 'R2', 'R3', 'R7']],
    ['percent $lt', { pct: { $lt: 0.5 } }, ['R6']],
    ['percent $eq', { pct: 0.95 }, ['R2']],
    ['money $lte', { price: { $lte: 10.25 } }, ['R1', 'R3', 'R6', 'R7']],
    ['money $gt', { price: { $gt: 10.25 } }, ['R2']],
    ['money $nin', { price: { $nin: [0, 10.25] } }, ['R2', 'R4', 'R5', 'R6']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });
});

describe('text: exact and case-sensitive equality, literal case-insensitive $regex', () => {
  test.each([
    ['$eq is exact', { note: 'NUT' }, ['R3']],
    ['$eq is case-sensitive', { note: 'nut' }, []],
    ['$ne includes blanks', { note: { $ne: 'NUT' } }, except('R3')],
    ['$in', { note: { $in: ['NUT', 'bolt m10'] } }, ['R2', 'R3']],
    ['$nin includes blanks', { note: { $nin: ['NUT', 'bolt m10'] } }, ['R1', 'R4', 'R5', 'R6', 'R7']],
    ['$gt compares by code point', { note: { $gt: 'a' } }, ['R2', 'R6']],
    ['$lte compares by code point', { note: { $lte: 'NUT' } }, ['R1', 'R3', 'R7']],
    ['$exists true', { note: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['$exists false ("" is stored as blank)', { note: { $exists: false } }, ['R4', 'R5']],
    ['$regex ignores case', { note: { $regex: 'BOLT' } }, ['R1', 'R2']],
    ['$regex is "contains", not anchored', { note: { $regex: 'm1' } }, ['R2']],
    ['$regex "." is a literal dot, not "any character"', { note: { $regex: '.' } }, ['R6']],
    ['$regex "*" is a literal star', { note: { $regex: 'b*c' } }, ['R6']],
    ['$regex with brackets and spaces', { note: { $regex: 'M8 (' } }, ['R1']],
    ['$regex with a pattern that would be catastrophic or invalid as a regex', { note: { $regex: '(a+)+$' } }, ['R7']],
    ['$regex with an unbalanced bracket', { note: { $regex: '(a+' } }, ['R7']],
    ['$regex of 200 characters is accepted', { note: { $regex: 'a'.repeat(200) } }, []],
    ['$regex on a lookup value (any type)', { partCode: { $regex: 'pb' } }, ['R2', 'R6']],
    ['$regex on a number field matches nothing (only text contains text)', { qty: { $regex: '5' } }, []],
    ['$regex on a switch matches nothing', { ok: { $regex: 'true' } }, []],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });
});

describe('dates and datetimes compare as dates', () => {
  test.each([
    ['date $eq', { day: '2026-03-01' }, ['R1', 'R7']],
    ['date $ne', { day: { $ne: '2026-03-01' } }, except('R1', 'R7')],
    ['date $gt', { day: { $gt: '2026-03-01' } }, ['R2', 'R6']],
    ['date $gte', { day: { $gte: '2026-03-01' } }, ['R1', 'R2', 'R6', 'R7']],
    ['date $lt', { day: { $lt: '2026-03-01' } }, ['R3']],
    ['date $lte', { day: { $lte: '2026-03-01' } }, ['R1', 'R3', 'R7']],
    ['date $in', { day: { $in: ['2026-02-28', '2026-03-10'] } }, ['R3', 'R6']],
    ['date $nin', { day: { $nin: ['2026-02-28', '2026-03-10'] } }, ['R1', 'R2', 'R4', 'R5', 'R7']],
    ['date $exists false', { day: { $exists: false } }, ['R4', 'R5']],
    // R1 is 23:59:59 on 1 March in Shanghai, R2 midnight of 2 March: an instant with an offset is
    // compared as that instant, not as text.
    ['datetime $gte an instant given with an offset', { at: { $gte: '2026-03-02T00:00:00+08:00' } }, ['R2', 'R6', 'R7']],
    ['datetime $gt an instant given with an offset', { at: { $gt: '2026-03-02T00:00:00+08:00' } }, ['R6', 'R7']],
    ['datetime $lt an instant given with an offset', { at: { $lt: '2026-03-02T00:00:00+08:00' } }, ['R1', 'R3']],
    ['datetime $lte an instant given with an offset', { at: { $lte: '2026-03-02T00:00:00+08:00' } }, ['R1', 'R2', 'R3']],
    ['datetime $eq an instant given without milliseconds', { at: '2026-03-01T16:00:00Z' }, ['R2']],
    ['datetime $ne an instant', { at: { $ne: '2026-03-02T00:00:00+08:00' } }, except('R2')],
    ['datetime $in instants', { at: { $in: ['2026-03-02T00:00:00+08:00', '2026-03-10T08:00:00+08:00'] } }, ['R2', 'R6']],
    ['datetime $nin instants', { at: { $nin: ['2026-03-02T00:00:00+08:00', '2026-03-10T08:00:00+08:00'] } }, ['R1', 'R3', 'R4', 'R5', 'R7']],
    // A date given for a datetime field is that whole day in the tenant's zone.
    ['datetime $eq a day', { at: '2026-03-02' }, ['R2', 'R7']],
    ['datetime $eq the day before', { at: { $eq: '2026-03-01' } }, ['R1']],
    ['datetime $ne a day (blanks included)', { at: { $ne: '2026-03-02' } }, ['R1', 'R3', 'R4', 'R5', 'R6']],
    ['datetime $gt a day (after that day)', { at: { $gt: '2026-03-01' } }, ['R2', 'R6', 'R7']],
    ['datetime $gte a day (from its start)', { at: { $gte: '2026-03-02' } }, ['R2', 'R6', 'R7']],
    ['datetime $lt a day (before its start)', { at: { $lt: '2026-03-02' } }, ['R1', 'R3']],
    ['datetime $lte a day (to its end)', { at: { $lte: '2026-03-01' } }, ['R1', 'R3']],
    ['datetime from one day to another', { at: { $gte: '2026-03-01', $lte: '2026-03-02' } }, ['R1', 'R2', 'R7']],
    ['datetime $exists true', { at: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['datetime $exists false', { at: { $exists: false } }, ['R4', 'R5']],
    ['system datetime _createdAt $gte a day long ago', { _createdAt: { $gte: '2000-01-01' } }, ALL],
    ['system datetime _createdAt $lt an instant long ago', { _createdAt: { $lt: '2000-01-01T00:00:00Z' } }, []],
    // Every form a record takes, the filter takes (one parser, parseInstant): R2 is 16:00 UTC on 1 March.
    ['datetime $eq an instant with a space for T', { at: '2026-03-02 00:00:00+08:00' }, ['R2']],
    ['datetime $eq an instant with lower-case t and an offset without a colon', { at: '2026-03-02t00:00:00+0800' }, ['R2']],
    ['datetime $eq an instant with an offset in hours only', { at: { $eq: '2026-03-01T11:00:00-05' } }, ['R2']],
    ['datetime $in an instant in microseconds with a lower-case z', { at: { $in: ['2026-03-01T16:00:00.000000z'] } }, ['R2']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });

  // What names no instant is refused, never rolled over into another (the filter once compared
  // 30 February as 2 March, and year 9999 at -02:00 as the year +010000).
  test.each([
    ['30 February', { at: '2026-02-30T00:00:00Z' }, 'at'],
    ['hour 24', { at: { $gte: '2026-03-01T24:00:00Z' } }, 'at.$gte'],
    ['minute 60', { at: { $lt: '2026-03-01T10:60:00Z' } }, 'at.$lt'],
    ['a leap second', { at: { $in: ['2026-03-01T16:00:00Z', '2026-06-30T23:59:60Z'] } }, 'at.$in[1]'],
    ['an offset past 23:59', { at: { $ne: '2026-03-01T10:00:00+24:00' } }, 'at.$ne'],
    ['an offset carrying the year past 9999', { at: { $lte: '9999-12-31T23:00:00-02:00' } }, 'at.$lte'],
    ['an offset carrying the year before 0000', { at: { $gt: '0000-01-01T00:30:00+01:00' } }, 'at.$gt'],
    ['no seconds (as a record refuses it)', { at: '2026-03-01T16:30+08:00' }, 'at'],
    ['a T with no time', { at: '2026-03-01T' }, 'at'],
    ['a 30 February on a system datetime', { _createdAt: { $lt: '2026-02-30T00:00:00Z' } }, '_createdAt.$lt'],
  ])('a datetime on %s is refused by the filter', async (_name, filter, path) => {
    await refused(filter, path);
  });

  // Only this test writes to the events form. As text, E1's "2026-03-02T00:30:00+08:00" would sort
  // after E2's "2026-03-01T20:00:00Z" and outside a range ending at 17:00 UTC on 1 March.
  test('a datetime sent with an offset is stored and returned as its UTC instant, and found by it', async () => {
    const events = `${app}/forms/events/records`;
    // 1. Written at 00:30 on 2 March in Shanghai: 16:30 UTC on 1 March.
    const e1 = await t.inject('POST', events, { label: 'E1', at: '2026-03-02T00:30:00+08:00' });
    expect(e1.statusCode).toBe(201);
    expect(e1.json().at).toBe('2026-03-01T16:30:00.000Z');
    expect((await t.inject('GET', `${events}/${e1.json()._id}`)).json().at).toBe('2026-03-01T16:30:00.000Z');
    expect((await t.store.collection('r_events').findOne({ _id: e1.json()._id }))!.at).toBe('2026-03-01T16:30:00.000Z');
    expect((await t.inject('POST', events, { label: 'E2', at: '2026-03-01T20:00:00Z' })).statusCode).toBe(201);
    // 2. A range given in UTC finds it, and a sort puts it in time order.
    const labels = async (query: string) => (await t.inject('GET', `${events}?${query}`)).json().items.map((r: { label: string }) => r.label);
    expect(await labels(`filter=${q({ at: { $gte: '2026-03-01T16:00:00Z', $lt: '2026-03-01T17:00:00Z' } })}`)).toEqual(['E1']);
    expect(await labels(`filter=${q({ at: { $lt: '2026-03-01T17:00:00Z' } })}`)).toEqual(['E1']);
    expect(await labels('sort=at')).toEqual(['E1', 'E2']);
  });

  // Every form of date-time the record's format takes is stored as the instant; one that names no
  // real instant is refused as before, not rolled over into the next day.
  test.each([
    ['a space for T', '2026-03-02 00:30:00+08:00', '2026-03-01T16:30:00.000Z'],
    ['lower-case t and an offset without a colon', '2026-03-02t00:30:00+0800', '2026-03-01T16:30:00.000Z'],
    ['an offset in hours only', '2026-03-01T11:30:00-05', '2026-03-01T16:30:00.000Z'],
    ['microseconds and a lower-case z (kept to milliseconds)', '2026-03-01T16:30:00.123456z', '2026-03-01T16:30:00.123Z'],
  ])('a datetime with %s is stored as its UTC instant', async (_name, sent, stored) => {
    const res = await t.inject('POST', `${app}/forms/moments/records`, { label: sent, at: sent });
    expect(res.statusCode).toBe(201);
    expect((await t.store.collection('r_moments').findOne({ _id: res.json()._id }))!.at).toBe(stored);
  });

  test.each([
    ['30 February', '2026-02-30T00:00:00Z'],
    ['hour 24', '2026-03-01T24:00:00Z'],
    ['no seconds', '2026-03-01T16:30+08:00'],
  ])('a datetime on %s is refused, not moved to a real instant', async (_name, sent) => {
    const res = await t.inject('POST', `${app}/forms/moments/records`, { label: sent, at: sent });
    expect({ status: res.statusCode, details: res.json().error?.details }).toEqual({ status: 422, details: [expect.objectContaining({ fieldId: 'at', code: 'format' })] });
  });

  // The date-time format takes these, but they name no instant: refused, not stored as sent.
  test.each([
    ['a leap second', '2026-06-30T23:59:60Z'],
    ['an offset carrying the year past 9999', '9999-12-31T23:00:00-02:00'],
  ])('a datetime with %s is refused, not stored as sent', async (_name, sent) => {
    const res = await t.inject('POST', `${app}/forms/moments/records`, { label: sent, at: sent });
    expect({ status: res.statusCode, details: res.json().error?.details }).toEqual({ status: 422, details: [expect.objectContaining({ fieldId: 'at', code: 'format', params: { format: 'date-time' } })] });
    expect(await t.store.collection('r_moments').find({ label: sent })).toEqual([]);
  });
});

describe('select, multiselect, switch, member, relation, lookup and subform columns', () => {
  test.each([
    ['select $eq (an indexed field)', { status: 'open' }, ['R1', 'R6', 'R7']],
    ['select $eq null (indexed: missing and null)', { status: null }, ['R4', 'R5']],
    ['select $ne', { status: { $ne: 'open' } }, ['R2', 'R3', 'R4', 'R5']],
    ['select $in', { status: { $in: ['closed', 'hold'] } }, ['R2', 'R3']],
    ['select $in with null', { status: { $in: ['hold', null] } }, ['R3', 'R4', 'R5']],
    ['select $nin', { status: { $nin: ['closed', 'hold'] } }, ['R1', 'R4', 'R5', 'R6', 'R7']],
    ['select $exists true', { status: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['multiselect $eq: the list holds the value', { tags: 'b' }, ['R1', 'R2']],
    ['multiselect $ne: the list lacks the value', { tags: { $ne: 'b' } }, ['R3', 'R4', 'R5', 'R6', 'R7']],
    ['multiselect $in: holds any of them', { tags: { $in: ['a', 'c'] } }, ['R1', 'R3', 'R6']],
    ['multiselect $nin: holds none of them', { tags: { $nin: ['a', 'c'] } }, ['R2', 'R4', 'R5', 'R7']],
    ['multiselect $regex on an item, ignoring case', { tags: { $regex: 'A' } }, ['R1', 'R6']],
    ['multiselect $exists true: an empty list is blank', { tags: { $exists: true } }, ['R1', 'R2', 'R3', 'R6']],
    ['multiselect $exists false: [], null and missing', { tags: { $exists: false } }, ['R4', 'R5', 'R7']],
    ['switch $eq true', { ok: true }, ['R1', 'R3', 'R7']],
    ['switch $eq false (not blanks)', { ok: false }, ['R2', 'R6']],
    ['switch $ne true', { ok: { $ne: true } }, ['R2', 'R4', 'R5', 'R6']],
    ['switch $in', { ok: { $in: [false, null] } }, ['R2', 'R4', 'R5', 'R6']],
    ['switch $nin', { ok: { $nin: [false] } }, ['R1', 'R3', 'R4', 'R5', 'R7']],
    ['switch $exists true (false is a value)', { ok: { $exists: true } }, ['R1', 'R2', 'R3', 'R6', 'R7']],
    ['switch $exists false', { ok: { $exists: false } }, ['R4', 'R5']],
    ['member $eq', { owner: 'u1' }, ['R1', 'R6']],
    ['member $in', { owner: { $in: ['u2', 'u3'] } }, ['R2', 'R3', 'R7']],
    ['member $nin', { owner: { $nin: ['u1'] } }, ['R2', 'R3', 'R4', 'R5', 'R7']],
    ['several members $eq: one of them', { team: 'u2' }, ['R1', 'R2']],
    ['several members $nin', { team: { $nin: ['u2'] } }, ['R3', 'R4', 'R5', 'R6', 'R7']],
    ['several members $exists false', { team: { $exists: false } }, ['R3', 'R4', 'R5']],
    ['relation id $eq', () => ({ 'part.id': ids.PA }), ['R1', 'R3', 'R7']],
    ['relation id $ne', () => ({ 'part.id': { $ne: ids.PA } }), ['R2', 'R4', 'R5', 'R6']],
    ['relation id $in', () => ({ 'part.id': { $in: [ids.PB] } }), ['R2', 'R6']],
    ['relation id $exists false', { 'part.id': { $exists: false } }, ['R4', 'R5']],
    ['relation display $regex', { 'part.display': { $regex: 'pb' } }, ['R2', 'R6']],
    ['several relations id $eq: one of them', () => ({ 'parts.id': ids.PB }), ['R1', 'R2']],
    ['several relations id $nin', () => ({ 'parts.id': { $nin: [ids.PB] } }), ['R3', 'R4', 'R5', 'R6', 'R7']],
    ['several relations $exists true', { 'parts.id': { $exists: true } }, ['R1', 'R2', 'R6']],
    ['several relations $exists false: an empty list is blank', { 'parts.id': { $exists: false } }, ['R3', 'R4', 'R5', 'R7']],
    ['lookup $eq', { partCode: 'PB' }, ['R2', 'R6']],
    ['lookup $exists false', { partCode: { $exists: false } }, ['R4', 'R5']],
    ['subform column $gt: any row', { 'lines.lqty': { $gt: 5 } }, ['R2', 'R6']],
    ['subform column $eq: any row', { 'lines.item': 'x' }, ['R1', 'R6']],
    ['subform column $exists true: some row has a value', { 'lines.lqty': { $exists: true } }, ['R1', 'R2', 'R6']],
    ['subform column $exists false: no row has a value', { 'lines.lqty': { $exists: false } }, ['R3', 'R4', 'R5', 'R7']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(typeof filter === 'function' ? filter() : filter)).toEqual(expected);
  });
});

describe('$and, $or, nesting, and a filter with search, sort and pages', () => {
  test.each([
    ['$and', { $and: [{ qty: { $gte: 5 } }, { status: 'open' }] }, ['R1', 'R7']],
    ['$or', { $or: [{ qty: { $lt: 0 } }, { status: 'closed' }] }, ['R2', 'R6']],
    ['fields beside $or are ANDed', { status: 'open', $or: [{ qty: { $lt: 0 } }, { note: { $regex: '(a+' } }] }, ['R6', 'R7']],
    ['$or inside $and inside $or', { $or: [{ status: 'closed' }, { $and: [{ qty: { $gte: 5 } }, { $or: [{ tags: 'a' }, { ok: false }] }] }] }, ['R1', 'R2']],
    ['$and of two conditions on one field', { $and: [{ qty: { $gt: 0 } }, { qty: { $ne: 10 } }] }, ['R1']],
    ['$or with blanks on both sides', { $or: [{ note: { $exists: false } }, { ok: false }] }, ['R2', 'R4', 'R5', 'R6']],
    ['$exists beside another operator on the same field', { qty: { $exists: true, $nin: [10] } }, ['R1', 'R3', 'R6']],
    ['$exists beside $gte on the same field (both bound it)', { qty: { $gte: 0, $exists: true } }, ['R1', 'R2', 'R3', 'R7']],
    ['a day for $gt beside $gte: both bounds apply', { at: { $gt: '2026-03-01', $gte: '2026-02-28' } }, ['R2', 'R6', 'R7']],
    // The day is a range ($gte its start, $lt its end) beside another $gte or $lt: each bound applies.
    ['an instant for $gte beside a day for $eq: both apply', { at: { $gte: '2026-03-01T17:00:00Z', $eq: '2026-03-02' } }, ['R7']],
    ['a day for $eq beside an instant for $lt: both apply', { at: { $eq: '2026-03-02', $lt: '2026-03-02T00:00:00Z' } }, ['R2']],
    ['an $and beside two bounds of the same operator: all three apply', { $and: [{ owner: { $ne: 'u1' } }], at: { $gte: '2026-02-28T00:00:00Z', $gt: '2026-03-01' } }, ['R2', 'R7']],
    ['a day range and an $or at the top together', { at: { $gt: '2026-03-01', $lt: '2026-03-10' }, $or: [{ status: 'open' }, { owner: 'u2' }] }, ['R2', 'R7']],
  ])('%s', async (_name, filter, expected) => {
    expect(await match(filter)).toEqual(expected);
  });

  test('POST …/query takes the same filter as an object', async () => {
    const res = (await t.inject('POST', `${url}/query`, { filter: { $or: [{ qty: { $lt: 0 } }, { status: 'closed' }] }, limit: 200 })).json();
    expect(res.items.map((r: { name: string }) => r.name).sort()).toEqual(['R2', 'R6']);
    expect(res.total).toBe(2);
  });

  /** Names page by page, two a page, each page with the given total. */
  async function pages(filter: unknown, sort: string, total: number): Promise<string[][]> {
    const out: string[][] = [];
    let cursor = '';
    for (let i = 0; i < 6; i++) {
      const res = (await t.inject('GET', `${url}?filter=${q(filter)}&sort=${sort}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)).json();
      expect(res.total).toBe(total);
      out.push(res.items.map((r: { name: string }) => r.name));
      if (!res.nextCursor) break;
      cursor = res.nextCursor;
    }
    return out;
  }

  test('a filter with a sort and cursor pages: every page has the same total, no record is skipped or repeated', async () => {
    // 1. Filled and not "hold": R1 R2 R6 R7, by qty (ties by creation order), two a page.
    expect(await pages({ qty: { $exists: true }, status: { $ne: 'hold' } }, 'qty', 4)).toEqual([['R6', 'R1'], ['R2', 'R7']]);
    // 2. Descending by a datetime, with a day range in the filter.
    expect(await pages({ at: { $gte: '2026-03-01', $lt: '2026-03-11' } }, '-at', 4)).toEqual([['R6', 'R7'], ['R2', 'R1']]);
  });

  test('a filter with a search and cursor pages', async () => {
    // Only the two "bolt" notes are left (search ignores case), newest first by default.
    const first = (await t.inject('GET', `${url}?filter=${q({ status: { $ne: 'hold' } })}&q=BOLT&limit=1`)).json();
    expect({ total: first.total, items: first.items.map((r: { name: string }) => r.name) }).toEqual({ total: 2, items: ['R2'] });
    const second = (await t.inject('GET', `${url}?filter=${q({ status: { $ne: 'hold' } })}&q=BOLT&limit=1&cursor=${encodeURIComponent(first.nextCursor)}`)).json();
    expect({ total: second.total, items: second.items.map((r: { name: string }) => r.name), next: second.nextCursor }).toEqual({ total: 2, items: ['R1'], next: null });
  });

  // Blanks (null or missing, which sort alike) come last either way, as in Excel, ties in the
  // order of creation (reversed descending). In the first four sorts, $gt / $lt alone would lose
  // records: ascending, the values are followed by the blanks (a page ending on the last value,
  // R7, goes on with R4); descending, the values after a page's last (R6) are followed by the
  // blanks. All of them also cross the boundaries that already worked: between two blanks (R5 → R4;
  // every boundary when the field is blank in every record) and between equal values (R3 → R7).
  test.each([
    ['qty', { status: { $ne: 'hold' } }, [['R6', 'R1'], ['R2', 'R7'], ['R4', 'R5']]],
    ['-qty', { status: { $ne: 'hold' } }, [['R7', 'R2'], ['R1', 'R6'], ['R5', 'R4']]],
    ['ok', {}, [['R2', 'R6'], ['R1', 'R3'], ['R7', 'R4'], ['R5']]],
    ['-ok', {}, [['R7', 'R3'], ['R1', 'R6'], ['R2', 'R5'], ['R4']]],
    ['_deletedAt', { status: { $ne: 'hold' } }, [['R1', 'R2'], ['R4', 'R5'], ['R6', 'R7']]],
    ['-_deletedAt', { status: { $ne: 'hold' } }, [['R7', 'R6'], ['R5', 'R4'], ['R2', 'R1']]],
  ])('cursor pages sorted by %s, a field with blanks, reach every record once', async (sort, filter, expected) => {
    const names = expected.flat();
    const got = await pages(filter, sort, names.length);
    expect(got).toEqual(expected);
    // Every record the filter matches, once: none lost, none repeated.
    expect(got.flat().sort()).toEqual((await match(filter)).sort());
  });

  // _deletedAt is blank on every live record, so all of them are read among the blanks, in the
  // order of qty, which is blank on two of them (R4, R5): a page ending on one of those two must go
  // on with the other and then with the values, not repeat them or stop.
  test('cursor pages sorted by a field blank on every record and then by one with blanks reach every record once', async () => {
    const got = (await pages({}, '_deletedAt,qty', ALL.length)).flat();
    expect({ count: got.length, names: [...got].sort() }).toEqual({ count: ALL.length, names: ALL });
  });

  // Sorting takes up to five keys (docs/records-api.md; a sixth is refused, filters-refusals). R4 and
  // R5 are blank in the first four below, so the fifth, -name, puts R5 first.
  test('sorting by five keys orders by all five', async () => {
    const res = await t.inject('GET', `${url}?sort=qty,pct,price,day,-name&limit=200`);
    expect({ status: res.statusCode, names: res.json().items?.map((r: { name: string }) => r.name) }).toEqual({ status: 200, names: ['R6', 'R3', 'R1', 'R7', 'R2', 'R5', 'R4'] });
  });

  test.each([
    ['spaces around the keys', ' -ok , qty '],
    ['an empty key (a trailing comma)', '-ok,,qty,'],
  ])('a sort with %s is the sort by its keys', async (_name, sort) => {
    const res = await t.inject('GET', `${url}?sort=${encodeURIComponent(sort)}&limit=200`);
    // Switched on first (by qty), then off, then the blanks (last, newest first).
    expect({ status: res.statusCode, names: res.json().items?.map((r: { name: string }) => r.name) }).toEqual({ status: 200, names: ['R3', 'R1', 'R7', 'R6', 'R2', 'R5', 'R4'] });
  });

  // A cursor is only ever made by the server, but one whose _id is blank is still read as one: newest
  // first, nothing sorts after a blank, so the page is empty (not the first page over again).
  test('a cursor past a blank _id, newest first, is an empty last page', async () => {
    const cursor = Buffer.from(JSON.stringify([null])).toString('base64url');
    const res = await t.inject('GET', `${url}?cursor=${cursor}&limit=2`);
    expect({ status: res.statusCode, items: res.json().items, next: res.json().nextCursor }).toEqual({ status: 200, items: [], next: null });
  });

  test('sorting by a single relation, a lookup of text or a select still pages through every record once', async () => {
    for (const sort of ['part.display', '-partCode', 'status']) expect((await pages({}, sort, ALL.length)).flat().sort()).toEqual(ALL);
  });

  test('export applies the filter too', async () => {
    const res = (await t.inject('GET', `${url}/export?filter=${q({ tags: { $exists: false } })}`)).json();
    expect({ total: res.total, names: res.items.map((r: { name: string }) => r.name).sort() }).toEqual({ total: 3, names: ['R4', 'R5', 'R7'] });
  });
});
