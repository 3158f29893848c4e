import { config } from './config';
import { appShow, launch } from './services/launch';
import { schemasReady } from './services/schemas';

// Launch work sits in services/launch.ts so it can be tested without the App runtime.
App({
  globalData: {},
  onLaunch() {
    launch(config, wx);
    // zod (its own subpackage) starts downloading now, while the first page renders, so the
    // first call rarely waits for it.
    void schemasReady();
  },
  onShow() {
    void appShow(wx);
  },
});
