/**
 * The `api` cloud function: every action goes through here (design.md §2). Bundled by
 * `npm run build` into dist/cloudfunctions/api/index.js with everything it needs.
 */
import { createApiFunction } from '../lib/api-function';
import { platformOpenid, platformSource, productionDeps } from '../lib/wiring/production';

export const main = createApiFunction(productionDeps(), () => platformOpenid(), platformSource);
