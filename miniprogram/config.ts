// Development build: talks to `npm start`. `npm run deploy` uploads a copy whose config.ts
// it generates for the environment (cloud mode), so this file is never edited to deploy.
import type { AppConfig } from './config-type';

export type { AppConfig };
export const config: AppConfig = {
  mode: 'local',
  cloudEnv: '',
  localBaseUrl: 'http://127.0.0.1:8787',
  localOpenid: 'demo-resident-1',
};
