import { probePage } from './setdata-probe';

probePage('pages/home/index');
