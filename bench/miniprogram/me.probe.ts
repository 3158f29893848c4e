import { probePage } from './setdata-probe';

probePage('pages/me/index');
