// The records list filter through HTTP, its refusals and edges: values of the wrong type and
// injections refused naming the path, files, images, signatures and places filled or blank, and
// a tenant on America/Los_Angeles. (filters.test.ts: what each operator matches.)
import { startTestApp, type TestApp } from '../helpers/app';
import { t, url, q, match, refused, useFiltersApp } from './filters-setup';

useFiltersApp();

describe('values of the wrong type are refused, naming the path', () => {
  test.each([
    ['a number in $in on a text field', { note: { $in: [5] } }, 'note.$in[0]'],
    ['a string on a number field', { qty: '5' }, 'qty'],
    ['a string in $gt on a number field', { qty: { $gt: '5' } }, 'qty.$gt'],
    ['a string among numbers in $in', { qty: { $in: [5, '10'] } }, 'qty.$in[1]'],
    ['a string in $nin on a percent field', { pct: { $nin: ['95%'] } }, 'pct.$nin[0]'],
    ['a number on a money field given as text', { price: { $lte: '10.25' } }, 'price.$lte'],
    ['text on a switch', { ok: 'true' }, 'ok'],
    ['$gt on a switch (true and false have no order)', { ok: { $gt: false } }, 'ok.$gt'],
    ['null in $gt (no order)', { qty: { $gt: null } }, 'qty.$gt'],
    ['a datetime on a date field', { day: { $gte: '2026-03-01T00:00:00Z' } }, 'day.$gte'],
    ['a date that does not exist', { day: '2026-02-30' }, 'day'],
    ['a date in another format', { day: { $in: ['2026/03/01'] } }, 'day.$in[0]'],
    ['text that is not a datetime', { at: { $gte: 'yesterday' } }, 'at.$gte'],
    ['a datetime without a zone', { at: '2026-03-01T16:00:00' }, 'at'],
    ['a day in $in on a datetime field (only $eq, $ne and ranges take a day)', { at: { $in: ['2026-03-01'] } }, 'at.$in[0]'],
    ['a number on a relation id', { 'part.id': 5 }, 'part.id'],
    ['a list as a plain value', { tags: ['a', 'b'] }, 'tags'],
    // A list of text holds text, as a list of files holds objects: its items are typed.
    ['a number on a multi-select', { tags: 5 }, 'tags'],
    ['a switch value in $in on several members', { team: { $in: ['u1', true] } }, 'team.$in[1]'],
    ['$in with a single value', { note: { $in: 'NUT' } }, 'note.$in'],
    ['$in with more than 500 values', { qty: { $in: Array.from({ length: 501 }, (_, i) => i) } }, 'qty.$in'],
    ['$exists with text', { qty: { $exists: 'yes' } }, 'qty.$exists'],
    ['$regex with a number', { note: { $regex: 5 } }, 'note.$regex'],
    ['$regex longer than 200 characters', { note: { $regex: 'a'.repeat(201) } }, 'note.$regex'],
    ['a mistyped value deep in $and', { $and: [{ qty: { $gte: 1 } }, { qty: { $lte: 'x' } }] }, '$and[1].qty.$lte'],
    ['an empty condition', { qty: {} }, 'qty'],
    ['an empty $or', { $or: [] }, '$or'],
    ['$or with 51 filters (at most 50)', { $or: Array.from({ length: 51 }, (_, i) => ({ qty: i })) }, '$or'],
    ['$and that is not a list', { $and: { qty: 1 } }, '$and'],
  ])('%s', async (_name, filter, path) => {
    await refused(filter, path);
  });
});

describe('injection and unknown names are refused, naming the path', () => {
  test.each([
    ['$where', { $where: 'sleep(1000)' }, '$where'],
    ['$expr', { $expr: { $eq: ['$note', '$name'] } }, '$expr'],
    ['$nor at the top', { $nor: [{ qty: 1 }] }, '$nor'],
    ['$where inside $or', { $or: [{ qty: 1 }, { $where: 'true' }] }, '$or[1].$where'],
    ['an operator on a field that is not in the list', { qty: { $between: [1, 2] } }, 'qty.$between'],
    ['$not', { note: { $not: { $eq: 'x' } } }, 'note.$not'],
    ['$elemMatch', { tags: { $elemMatch: { $eq: 'a' } } }, 'tags.$elemMatch'],
    ['$size', { tags: { $size: 0 } }, 'tags.$size'],
    ['$options beside $regex (the options are ours)', { note: { $regex: 'x', $options: 's' } }, 'note.$options'],
    ['$function in value position', { note: { $function: { body: 'return true', args: [], lang: 'js' } } }, 'note.$function'],
    ['an operator where a plain value is expected ($eq)', { note: { $eq: { $gt: '' } } }, 'note.$eq'],
    ['an operator where a plain value is expected ($ne)', { note: { $ne: { $regex: '' } } }, 'note.$ne'],
    ['an operator where a plain value is expected ($in)', { note: { $in: [{ $gt: '' }] } }, 'note.$in[0]'],
    ['an operator where a plain value is expected (relation id $nin)', { 'part.id': { $nin: [{ $exists: true }] } }, 'part.id.$nin[0]'],
    ['an operator where a plain value is expected (lookup of any type)', { partCode: { $eq: { $gt: '' } } }, 'partCode.$eq'],
    ['__proto__ at the top', '{"__proto__":{"polluted":true}}', '__proto__'],
    ['__proto__ as an operator', '{"note":{"__proto__":{"$gt":""}}}', 'note.__proto__'],
    ['constructor', '{"constructor":{"name":"x"}}', 'constructor'],
    ['prototype inside $or', '{"$or":[{"prototype":1}]}', '$or[0].prototype'],
    ['a field that does not exist', { ghost: 1 }, 'ghost'],
    ['a subform column that does not exist, inside $or', { $or: [{ note: 'x' }, { 'lines.ghost': 1 }] }, '$or[1].lines.ghost'],
    ['a relation field itself (its id and display are the filterable paths)', { part: 'PA' }, 'part'],
    ['a path below a field', { 'note.length': 3 }, 'note.length'],
    ['a filter that is not an object', '[{"qty":1}]', '$'],
    ['a filter that is a number', '5', '$'],
    ['a filter that is null', 'null', '$'],
    ['a filter that is text', '"qty"', '$'],
    ['a number in $or where a filter goes', '{"$or":[{"qty":1},5]}', '$or[1]'],
    ['malformed JSON', '{"qty":', 'filter'],
    [
      'nesting deeper than 6',
      { $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ qty: 1 }] }] }] }] }] }] }] },
      '$and[0].$and[0].$and[0].$and[0].$and[0].$and[0].$and[0]',
    ],
  ])('%s', async (_name, filter, path) => {
    await refused(filter, path);
  });

  test('a __proto__ key in a POST body never reaches the filter', async () => {
    const res = await t.inject('POST', `${url}/query`, '{"filter":{"__proto__":{"polluted":true}}}', { 'content-type': 'application/json' });
    expect({ status: res.statusCode, code: res.json().error.code }).toEqual({ status: 400, code: 'BAD_REQUEST' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  // A record has no one place in an order by a list: pages repeated records (lines.lqty) or
  // failed on their cursor (tags), and export, which follows the cursor, never ended.
  test.each([
    ['a multi-select', 'tags', 'sort.tags'],
    ['several members, descending', '-team', 'sort.team'],
    ['a subform column', 'lines.lqty', 'sort.lines.lqty'],
    ['several relations', 'parts.id', 'sort.parts.id'],
    ['several relations by display, after a field that sorts', 'qty,parts.display', 'sort.parts.display'],
  ])('sorting by %s, a list, is refused, naming it', async (_name, sort, path) => {
    for (const call of [`${url}?sort=${sort}&limit=2`, `${url}/export?sort=${sort}`]) {
      const res = await t.inject('GET', call);
      expect({ status: res.statusCode, code: res.json().error?.code, path: res.json().error?.details?.[0]?.path }).toEqual({ status: 400, code: 'INVALID_FILTER', path });
    }
  });

  test('sorting by an unknown field is refused, naming it', async () => {
    const res = await t.inject('GET', `${url}?sort=-ghost`);
    expect({ status: res.statusCode, code: res.json().error.code, path: res.json().error.details[0].path }).toEqual({ status: 400, code: 'INVALID_FILTER', path: 'sort.ghost' });
  });

  test('a sort by five fields is served; by six it is refused, saying so, never cut to five', async () => {
    expect((await t.inject('GET', `${url}?sort=qty,-name,day,pct,-price&limit=2`)).statusCode).toBe(200);
    for (const call of [`${url}?sort=qty,-name,day,pct,-price,at&limit=2`, `${url}/export?sort=qty,-name,day,pct,-price,at`]) {
      const zh = await t.inject('GET', call);
      expect([zh.statusCode, zh.json().error]).toEqual([400, { code: 'INVALID_FILTER', message: '最多按 5 个字段排序，这里有 6 个', details: [{ path: 'sort', message: '最多按 5 个字段排序，这里有 6 个' }] }]);
    }
    const en = await t.inject('GET', `${url}?sort=qty,-name,day,pct,-price,at`, undefined, { 'accept-language': 'en-US' });
    expect(en.json().error.message).toBe('Sort by at most 5 fields, not 6');
  });

  test('six levels of nesting are accepted', async () => {
    expect(await match({ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ qty: 5 }] }] }] }] }] }] })).toEqual(['R1']);
  });

  // Each name in each filter object counts ($and, $or and fields): 1 + 49 × 4 + 3 = 200.
  const twoHundred = {
    $and: [
      ...Array.from({ length: 49 }, () => ({ $or: [{ qty: 5 }, { qty: 10 }, { qty: 0 }] })),
      { qty: { $gte: 0 }, pct: { $gte: 0 }, price: { $gte: 0 } },
    ],
  };

  test('200 conditions are accepted', async () => {
    expect(await match(twoHundred)).toEqual(['R1', 'R2', 'R3', 'R7']);
  });

  test('more than 200 conditions are refused, naming the filter ($)', async () => {
    const res = await t.inject('GET', `${url}?filter=${q({ ...twoHundred, name: { $ne: 'R2' } })}`);
    expect({ status: res.statusCode, error: res.json().error }).toEqual({
      status: 400,
      error: { code: 'INVALID_FILTER', message: '过滤条件太多（最多 200 个）', details: [{ path: '$', message: '过滤条件太多（最多 200 个）' }] },
    });
    const en = await t.inject('GET', `${url}?filter=${q({ ...twoHundred, name: { $ne: 'R2' } })}`, undefined, { 'accept-language': 'en-US' });
    expect(en.json().error.details).toEqual([{ path: '$', message: 'The filter is too large' }]);
  });
});

// Each refusal says what is wrong, in the message and in details[0], naming the path, in the
// reader's language (Chinese unless English is asked for).
describe('each refusal says what was expected', () => {
  test.each([
    ['an object where a plain value of any type goes', { partCode: { $eq: { $gt: '' } } }, 'partCode.$eq', 'Only plain values may be compared', '只能与单个值比较'],
    ['a date that does not exist', { day: '2026-02-30' }, 'day', 'Expected a date (YYYY-MM-DD)', '应为日期（YYYY-MM-DD）'],
    [
      'text that is not a datetime',
      { at: { $gte: 'yesterday' } },
      'at.$gte',
      'Expected a datetime with its zone (2026-03-01T08:00:00+08:00); a day (YYYY-MM-DD) only with $eq, $ne, $gt, $gte, $lt, $lte',
      '应为带时区的日期时间（2026-03-01T08:00:00+08:00）；只写日期（YYYY-MM-DD）仅限 $eq、$ne、$gt、$gte、$lt、$lte',
    ],
    ['text on a number field', { qty: '5' }, 'qty', 'Expected a number', '应为数字'],
    ['a number in $in on a text field', { note: { $in: [5] } }, 'note.$in[0]', 'Expected a string', '应为文本'],
    ['text on a switch', { ok: 'true' }, 'ok', 'Expected a boolean', '应为是或否（true / false）'],
    ['a filter that is not an object', '[{"qty":1}]', '$', 'A filter must be an object', '过滤条件应为对象'],
    [
      'nesting deeper than 6',
      { $or: [{ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ $and: [{ qty: 1 }] }] }] }] }] }] }] },
      '$or[0].$and[0].$and[0].$and[0].$and[0].$and[0].$and[0]',
      'The filter is nested too deeply',
      '过滤条件嵌套太深（最多 6 层）',
    ],
    ['__proto__ as a field', '{"__proto__":{"polluted":true}}', '__proto__', '"__proto__" is not allowed', '不能使用“__proto__”'],
    ['__proto__ as an operator', '{"note":{"__proto__":{"$gt":""}}}', 'note.__proto__', '"__proto__" is not allowed', '不能使用“__proto__”'],
    ['an empty $and', { $and: [] }, '$and', '$and takes a list of 1 to 50 filters', '$and 应为 1 到 50 个过滤条件的列表'],
    ['$or that is not a list', { $or: { qty: 1 } }, '$or', '$or takes a list of 1 to 50 filters', '$or 应为 1 到 50 个过滤条件的列表'],
    ['an operator where a field goes', { $where: 'sleep(1000)' }, '$where', 'Operator $where is not allowed here', '此处不能使用运算符 $where'],
    ['a field that does not exist', { ghost: 1 }, 'ghost', 'Unknown field "ghost"', '未知字段“ghost”'],
    ['a list as a plain value', { tags: ['a', 'b'] }, 'tags', 'Use $in to match one of several values', '要匹配几个值中的一个，请用 $in'],
    ['an empty condition', { qty: {} }, 'qty', 'An empty condition', '条件为空'],
    ['an operator that is not in the list', { qty: { $between: [1, 2] } }, 'qty.$between', 'Operator $between is not allowed', '不能使用运算符 $between'],
    ['$exists with text', { qty: { $exists: 'yes' } }, 'qty.$exists', '$exists takes true (filled) or false (blank)', '$exists 应为 true（已填）或 false（为空）'],
    ['$regex with a number', { note: { $regex: 5 } }, 'note.$regex', '$regex takes text of at most 200 characters (matched literally, as "contains")', '$regex 应为不超过 200 个字符的文本（按原文匹配，即“包含”）'],
    ['$nin with a single value', { note: { $nin: 'NUT' } }, 'note.$nin', '$nin takes a list of at most 500 values', '$nin 应为最多 500 个值的列表'],
    ['$lte on a switch', { ok: { $lte: true } }, 'ok.$lte', '$lte needs values with an order; true and false have none', '$lte 需要能比较大小的值，是或否没有大小'],
    ['null in $gte', { qty: { $gte: null } }, 'qty.$gte', '$gte needs a value', '$gte 需要一个值'],
  ])('%s', async (_name, filter, path, en, zh) => {
    const res = await t.inject('GET', `${url}?filter=${q(filter)}`);
    expect({ status: res.statusCode, error: res.json().error }).toEqual({ status: 400, error: { code: 'INVALID_FILTER', message: zh, details: [{ path, message: zh }] } });
    const english = await t.inject('GET', `${url}?filter=${q(filter)}`, undefined, { 'accept-language': 'en-US' });
    expect(english.json().error).toEqual({ code: 'INVALID_FILTER', message: en, details: [{ path, message: en }] });
  });

  test.each([
    ['a list', '-tags', 'sort.tags', 'Cannot sort by "tags": it holds a list or an object', '不能按“tags”排序：它存的是列表或对象'],
    ['an unknown field', 'qty,ghost', 'sort.ghost', 'Cannot sort by unknown field "ghost"', '不能按未知字段“ghost”排序'],
  ])('sorting by %s', async (_name, sort, path, en, zh) => {
    const res = await t.inject('GET', `${url}?sort=${sort}`);
    expect({ status: res.statusCode, error: res.json().error }).toEqual({ status: 400, error: { code: 'INVALID_FILTER', message: zh, details: [{ path, message: zh }] } });
    const english = await t.inject('GET', `${url}?sort=${sort}`, undefined, { 'accept-language': 'en-US' });
    expect(english.json().error).toEqual({ code: 'INVALID_FILTER', message: en, details: [{ path, message: en }] });
  });
});

// Files, a signature and a place are objects (or lists of them): "filled" once compared them
// with '' as text, which an object never matches, and "blank" then matched every record.
describe('a file, image, signature or place, a lookup of one, and such a subform cell: filled or blank', () => {
  const base = '/api/apps/objs/forms';
  const file = (id: string) => ({ id, name: `${id}.png`, size: 10, contentType: 'image/png' });
  const names = async (query: string) => {
    const res = await t.inject('GET', `${base}/kit/records?limit=200&${query}`);
    return { status: res.statusCode, names: res.statusCode === 200 ? res.json().items.map((r: { name: string }) => r.name).sort() : res.json().error };
  };

  beforeAll(async () => {
    expect((await t.inject('POST', '/api/apps', { id: 'objs', name: '对象' })).statusCode).toBe(201);
    const src = {
      id: 'src', title: '来源', fields: [
        { id: 'code', type: 'text', label: '编码' },
        { id: 'sig', type: 'signature', label: '签名' },
        { id: 'tags', type: 'multiselect', label: '标签', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }] },
        // Text a formula computes may be "": stored as it is, and copied so by a lookup.
        { id: 'mark', type: 'formula', label: '标记', resultType: 'text', formula: { text: 'IF(编码 = "S1", "签了", "")' } },
      ],
    };
    const kit = {
      id: 'kit', title: '套件', fields: [
        { id: 'name', type: 'text', label: '名称' },
        { id: 'sig', type: 'signature', label: '签名' },
        { id: 'loc', type: 'location', label: '位置' },
        { id: 'att', type: 'attachment', label: '附件' },
        { id: 'img', type: 'image', label: '图片' },
        { id: 'src', type: 'relation', label: '来源', formId: 'src', displayField: 'code' },
        { id: 'srcSig', type: 'lookup', label: '来源签名', relationField: 'src', targetField: 'sig' },
        { id: 'srcTags', type: 'lookup', label: '来源标签', relationField: 'src', targetField: 'tags' },
        { id: 'srcMark', type: 'lookup', label: '来源标记', relationField: 'src', targetField: 'mark' },
        { id: 'lines', type: 'subform', label: '明细', fields: [{ id: 'item', type: 'text', label: '物品' }, { id: 'signed', type: 'signature', label: '签收' }] },
      ],
    };
    for (const f of [src, kit]) {
      const res = await t.inject('POST', base, f);
      if (res.statusCode !== 201) throw new Error(`form ${f.id}: ${res.statusCode} ${res.body}`);
    }
    await t.publish('objs');
    const s1 = (await t.inject('POST', `${base}/src/records`, { code: 'S1', sig: file('s1'), tags: ['a'] })).json()._id;
    const s2 = (await t.inject('POST', `${base}/src/records`, { code: 'S2', sig: null, tags: [] })).json()._id;
    const kits = [
      // K1: everything filled; one of its rows is signed, the other not.
      { name: 'K1', sig: file('k1'), loc: { lat: 31.2, lng: 121.5 }, att: [file('a1')], img: [file('i1')], src: { id: s1 }, lines: [{ item: 'x', signed: null }, { item: 'y', signed: file('l1') }] },
      // K2: blank in every way the API allows (null, empty lists), a source without a signature, a row unsigned.
      { name: 'K2', sig: null, loc: null, att: [], img: null, src: { id: s2 }, lines: [{ item: 'z', signed: null }] },
      { name: 'K3' },
    ];
    for (const k of kits) expect((await t.inject('POST', `${base}/kit/records`, k)).statusCode).toBe(201);
  });

  test.each([
    ['signature', 'sig'],
    ['location', 'loc'],
    ['attachment (a list of files)', 'att'],
    ['image (a list of files)', 'img'],
    ['lookup of a signature', 'srcSig'],
    ['lookup of a multi-select', 'srcTags'],
    ['lookup of a text that is "" (K2)', 'srcMark'],
    ['subform cell: some row is signed', 'lines.signed'],
  ])('%s: $exists true is the filled record, false the others', async (_name, path) => {
    expect(await names(`filter=${q({ [path]: { $exists: true } })}`)).toEqual({ status: 200, names: ['K1'] });
    expect(await names(`filter=${q({ [path]: { $exists: false } })}`)).toEqual({ status: 200, names: ['K2', 'K3'] });
  });

  test('the lookup of a formula\'s "" holds "", as stored', async () => {
    const k2 = await t.store.collection('r_kit').findOne({ name: 'K2' });
    expect(k2).toMatchObject({ srcMark: '' });
  });

  test('"filled" joins other conditions and $or', async () => {
    expect(await names(`filter=${q({ att: { $exists: false }, $or: [{ sig: { $exists: false } }, { name: 'K1' }] })}`)).toEqual({ status: 200, names: ['K2', 'K3'] });
  });

  // A lookup is refused only once the page shows it holding an object or a list (it copies whatever
  // its target holds); a signature or a place always holds one when filled.
  test('sorting by a signature or a place is refused even on a page where none holds one', async () => {
    const blanks = q({ name: { $ne: 'K1' } });
    for (const [sort, path] of [['loc', 'sort.loc'], ['-sig', 'sort.sig']]) {
      expect(await names(`filter=${blanks}&sort=${sort}`)).toEqual({ status: 400, names: expect.objectContaining({ code: 'INVALID_FILTER', details: [expect.objectContaining({ path })] }) });
    }
  });

  test('sorting by an object or a list of files is refused; by a lookup that holds a list, once it holds one', async () => {
    for (const [sort, path] of [['sig', 'sort.sig'], ['-att', 'sort.att'], ['lines.signed', 'sort.lines.signed'], ['srcTags', 'sort.srcTags']]) {
      expect(await names(`sort=${sort}`)).toEqual({ status: 400, names: expect.objectContaining({ code: 'INVALID_FILTER', details: [expect.objectContaining({ path })] }) });
    }
  });
});

describe('in a tenant on America/Los_Angeles (TESSERA_TIME_ZONE)', () => {
  let la: TestApp;
  const events = '/api/apps/tz/forms/events/records';
  // Instants around the Los Angeles midnights of 2 and 3 March (08:00 UTC, winter time). Read in
  // Shanghai, the default zone, 2 March would be L1, L2 and L3 instead.
  const at: Record<string, string> = {
    L1: '2026-03-01T16:00:00Z', // 1 March 08:00 in LA (2 March 00:00 in Shanghai)
    L2: '2026-03-02T07:59:59Z', // 1 March 23:59:59 in LA
    L3: '2026-03-02T08:00:00Z', // 2 March 00:00 in LA
    L4: '2026-03-03T07:59:59Z', // 2 March 23:59:59 in LA
    L5: '2026-03-03T08:00:00Z', // 3 March 00:00 in LA
  };
  // A date field holds a day, in no zone: compared as that day, wherever the tenant is.
  const day: Record<string, string> = { L1: '2026-03-01', L3: '2026-03-02', L4: '2026-03-03' };
  beforeAll(async () => {
    la = await startTestApp({ env: { TESSERA_TIME_ZONE: 'America/Los_Angeles' } });
    expect((await la.inject('POST', '/api/apps', { id: 'tz', name: '时区' })).statusCode).toBe(201);
    const form = { id: 'events', title: '事件', fields: [{ id: 'label', type: 'text', label: '名称' }, { id: 'at', type: 'datetime', label: '时间' }, { id: 'day', type: 'date', label: '日期' }] };
    expect((await la.inject('POST', '/api/apps/tz/forms', form)).statusCode).toBe(201);
    await la.publish('tz');
    for (const [label, instant] of Object.entries(at)) expect((await la.inject('POST', events, { label, at: instant, day: day[label] ?? null })).statusCode).toBe(201);
  });
  afterAll(() => la.close());

  test.each([
    ['$eq a day', { at: '2026-03-02' }, ['L3', 'L4']],
    ['$ne a day', { at: { $ne: '2026-03-02' } }, ['L1', 'L2', 'L5']],
    ['$lte a day (to its end)', { at: { $lte: '2026-03-01' } }, ['L1', 'L2']],
    ['$gt a day (from the next)', { at: { $gt: '2026-03-02' } }, ['L5']],
    ['$gte and $lt days', { at: { $gte: '2026-03-02', $lt: '2026-03-03' } }, ['L3', 'L4']],
  ])('a day on a datetime field is the Los Angeles day: %s', async (_name, filter, expected) => {
    const res = await la.inject('GET', `${events}?limit=200&filter=${q(filter)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { label: string }) => r.label).sort()).toEqual(expected);
  });

  test.each([
    ['$eq', { day: '2026-03-02' }, ['L3']],
    ['$ne (blanks included)', { day: { $ne: '2026-03-02' } }, ['L1', 'L2', 'L4', 'L5']],
    ['$lte', { day: { $lte: '2026-03-02' } }, ['L1', 'L3']],
    ['$gt', { day: { $gt: '2026-03-02' } }, ['L4']],
  ])('a day on a date field is that day, in no zone: %s', async (_name, filter, expected) => {
    const res = await la.inject('GET', `${events}?limit=200&filter=${q(filter)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((r: { label: string }) => r.label).sort()).toEqual(expected);
  });
});
