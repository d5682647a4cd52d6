// Date functions against Excel's documented results (rows in excel/date.ts).
import { testGroup } from './excel/cases';
import { DATES } from './excel/date';

testGroup('date', DATES);
