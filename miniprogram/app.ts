import { config } from './config';
import { appShow, launch } from './services/launch';

// Launch work sits in services/launch.ts so it can be tested without the App runtime.
App({
  globalData: {},
  onLaunch() {
    launch(config, wx);
  },
  onShow() {
    void appShow(wx);
  },
});
