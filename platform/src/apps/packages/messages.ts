// What each problem of a package says, in both languages (validate.ts picks the reader's).
// Named once here, so the checks read as checks.

type Say = [zh: string, en: string];
const ID_RULE: Say = ['必须以字母开头，只含字母、数字和下划线', 'must start with a letter and hold only letters, digits and _'];

export const SAYS = {
  notObject: (): Say => ['应用包必须是 JSON 对象', 'A package is a JSON object'],
  newerFormat: (n: number): Say => [`格式 ${n}，本服务器只能读取格式 1`, `format ${n}; this server reads format 1`],
  notOurFormat: (format: string): Say => [`不是 Tessera 应用包（format 应为 ${format}）`, `Not a Tessera app package (format must be ${format})`],
  property: (k: string): Say => [`未知属性“${k}”`, `Unknown property "${k}"`],
  noApp: (): Say => ['缺少应用信息（app）', 'The package has no app object'],
  noAppId: (): Say => ['缺少应用 ID', 'The app has no id'],
  appId: (): Say => [`应用 ID ${ID_RULE[0]}`, `The app id ${ID_RULE[1]}`],
  noName: (): Say => ['缺少应用名称', 'The app has no name'],
  name: (): Say => ['应用名称必须是文字（或按语言的文字）', 'The app name must be text (or text per language)'],
  description: (): Say => ['应用说明必须是文字', 'The description must be text'],
  icon: (): Say => ['图标必须是不超过 50 个字符的名称', 'The icon must be a name of up to 50 characters'],
  color: (): Say => ['颜色必须形如 #1677ff', 'The color must look like #1677ff'],
  formsList: (): Say => ['表单（forms）必须是列表', 'forms must be a list'],
  tooManyForms: (): Say => ['一个应用最多 200 个表单', 'An app holds at most 200 forms'],
  form: (): Say => ['表单必须是对象', 'A form must be an object'],
  formTwice: (id: string): Say => [`表单 ID“${id}”重复`, `The form id "${id}" is used twice`],
  formId: (): Say => [`表单 ID ${ID_RULE[0]}`, `A form id ${ID_RULE[1]}`],
  filesList: (): Say => ['files 必须是列表', 'files must be a list'],
  file: (): Say => ['文件必须是对象', 'A file must be an object'],
  fileId: (): Say => ['文件 ID 必须是 24 位十六进制', 'A file id is 24 hexadecimal characters'],
  fileTwice: (id: string): Say => [`文件 ID“${id}”重复`, `The file id "${id}" is used twice`],
  fileName: (): Say => ['文件名必须是不超过 300 个字符的文字', 'A file name is text of up to 300 characters'],
  fileType: (type: string): Say => [`不接受类型为 ${type} 的文件`, `Files of type ${type} are not accepted`],
  base64: (): Say => ['文件内容必须是 base64', 'The file data must be base64'],
  size: (): Say => ['文件大小与内容不符', 'The size does not match the data'],
  recordsMap: (): Say => ['records 必须是以表单 ID 为键的对象', 'records must be an object keyed by form id'],
  recordsForm: (id: string): Say => [`数据所属的表单“${id}”不在应用包中`, `The records belong to a form "${id}" the package does not have`],
  recordsList: (): Say => ['一个表单的数据必须是列表', "A form's records must be a list"],
  record: (): Say => ['一条数据必须是对象', 'A record must be an object'],
  recordId: (): Say => ['数据缺少有效的 _id', 'The record has no valid _id'],
  recordTwice: (id: string): Say => [`数据 ID“${id}”重复`, `The record id "${id}" is used twice`],
  recordKey: (key: string): Say => [`数据里不能有键“${key}”（以 _ 开头、或含 $ 或 . 的键由系统保留）`, `A record cannot hold the key "${key}" (keys starting with _ or holding $ or . are reserved)`],
  uniqueTwice: (v: string): Say => [`“${v}”在包中出现了不止一次，但该字段要求唯一`, `"${v}" appears more than once, but the field is unique`],
  uniqueStored: (v: string): Say => [`“${v}”已被现有数据使用，但该字段要求唯一`, `"${v}" is already used by a stored record, but the field is unique`],
  missingFile: (id: string): Say => [`引用的文件 ${id} 不在应用包中`, `The file ${id} it refers to is not in the package`],
};
