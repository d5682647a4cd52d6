// Aggregates against Excel's documented results (rows in excel/aggregate.ts).
import { testGroup } from './excel/cases';
import { AGGREGATE } from './excel/aggregate';

testGroup('aggregate', AGGREGATE);
