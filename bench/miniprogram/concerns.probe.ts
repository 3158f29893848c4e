import { probePage } from './setdata-probe';

probePage('pages/concerns/index');
