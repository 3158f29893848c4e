import * as path from 'path';

/** The miniprogram source root and the git-ignored output folder. */
export const ROOT = path.join(__dirname, '../miniprogram');
export const OUT = path.join(__dirname, '../.gallery');
