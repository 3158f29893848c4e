import { probePage } from './setdata-probe';

probePage('pages/services/index');
