// The save-conflict dialog names who saved when the draft says, and reads well when it does not.
import { conflictText } from '../../../src/builder/form/useDraftSave';
import { BUILDER_DICTS } from '../../../src/builder/i18n';

const zh = BUILDER_DICTS['zh-CN'];
const en = BUILDER_DICTS['en-US'];

test('with a name: who saved, when, and how many edits are mine', () => {
  expect(conflictText(zh, '张三', '3 分钟前', 2)).toBe('张三 3 分钟前保存了这个表单。你可以把你的 2 处修改重新应用到最新的草稿上，或者放弃你的修改并重新加载。');
  expect(conflictText(en, 'Ann Lee', '3 min ago', 1)).toBe('Ann Lee saved this form 3 min ago. You can reapply your 1 change on the latest draft, or drop it and reload.');
});

test('without a name (missing, null or blank) the sentence does without it', () => {
  for (const who of [undefined, null, '', '  ']) {
    const text = conflictText(zh, who, '刚刚', 2);
    expect(text).toBe('其他人保存了这个表单（刚刚）。你可以把你的 2 处修改重新应用到最新的草稿上，或者放弃你的修改并重新加载。');
    expect(conflictText(en, who, 'just now', 3)).toBe('Someone else saved this form just now. You can reapply your 3 changes on the latest draft, or drop them and reload.');
  }
});
