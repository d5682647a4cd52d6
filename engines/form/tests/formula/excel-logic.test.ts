// Logic functions against Excel's documented results (rows in excel/logic.ts).
import { testGroup } from './excel/cases';
import { LOGIC } from './excel/logic';

testGroup('logic', LOGIC);
