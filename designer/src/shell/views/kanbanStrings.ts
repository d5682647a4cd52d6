// The kanban's own words in zh-CN and en-US, kept beside it so the shared dictionaries are not
// edited by two people at once. `{n}`-style slots are filled with fmt().
import type { Locale } from '@tessera/form-engine';
import { useListT } from '../list/strings';

const zh = {
  board: '看板：按“{field}”分列',
  blankColumn: '（未填写）',
  column: '{name}，{n} 条',
  count: '{n} 条',
  emptyColumn: '这一列没有记录',
  failed: '看板加载失败',
  noField: '看板的分列字段已不在表单里，请另选一个字段',
  tooManyPeople: '人员超过 {n} 位，只显示记录最多的 {n} 位',
  cardFields: '卡片字段',
  cardFieldsHint: '卡片上显示标题和这些字段（最多 {n} 个）',
  columnActions: '“{name}”列的操作',
  moveLeft: '左移',
  moveRight: '右移',
  fold: '折叠“{name}”',
  unfold: '展开“{name}”',
  dragColumn: '拖动调整列的顺序：{name}',
  columnRole: '可拖动的列',
  cardActions: '“{name}”的操作',
  moveTo: '移动到',
  moveToColumn: '移动到“{column}”',
  moved: '已将“{name}”移到“{column}”',
  refused: '“{name}”没有移到“{column}”：{reason}',
  stale: '“{name}”已被他人修改，看板已重新加载，请再试一次',
  dragInstructions: '按空格键拿起，用左右方向键移动，再按空格键放下；按 Esc 取消',
  pickedUp: '已拿起“{name}”',
  over: '“{name}”在“{column}”上',
  dropped: '已放下“{name}”',
  cancelled: '已取消移动“{name}”',
};

const en: typeof zh = {
  board: 'Kanban by “{field}”',
  blankColumn: '(Empty)',
  column: '{name}, {n}',
  count: '{n}',
  emptyColumn: 'No records in this column',
  failed: 'The board could not be loaded',
  noField: "The board's column field is no longer in the form; choose another field",
  tooManyPeople: 'More than {n} people: the {n} with the most records are shown',
  cardFields: 'Card fields',
  cardFieldsHint: 'Cards show the title and these fields (at most {n})',
  columnActions: 'Actions of the column “{name}”',
  moveLeft: 'Move left',
  moveRight: 'Move right',
  fold: 'Fold “{name}”',
  unfold: 'Unfold “{name}”',
  dragColumn: 'Drag to reorder the column: {name}',
  columnRole: 'movable column',
  cardActions: 'Actions of “{name}”',
  moveTo: 'Move to',
  moveToColumn: 'Move to “{column}”',
  moved: 'Moved “{name}” to “{column}”',
  refused: '“{name}” was not moved to “{column}”: {reason}',
  stale: 'Someone else changed “{name}”; the board was reloaded, try again',
  dragInstructions: 'Press space to pick up, the left and right arrow keys to move, space to drop; Escape cancels',
  pickedUp: 'Picked up “{name}”',
  over: '“{name}” is over “{column}”',
  dropped: 'Dropped “{name}”',
  cancelled: 'Moving “{name}” was cancelled',
};

export type KanbanDict = typeof zh;
export const KANBAN_DICTS: Record<Locale, KanbanDict> = { 'zh-CN': zh, 'en-US': en };

/** The kanban's words in the reader's language, with the shell's (`t`) and the list's (`l`) beside them. */
export function useKanbanT() {
  const ctx = useListT();
  return { ...ctx, k: KANBAN_DICTS[ctx.locale] };
}
