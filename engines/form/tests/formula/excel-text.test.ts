// Text functions against Excel's documented results (rows in excel/text.ts).
import { testGroup } from './excel/cases';
import { TEXT } from './excel/text';

testGroup('text', TEXT);
