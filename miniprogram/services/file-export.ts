/**
 * Saving an export as a file in the user's data folder and handing it to a WeChat chat,
 * for pages that export text (CSV, JSON). `shareFileMessage` is missing on old base
 * libraries and some desktop clients, so it is looked up at run time.
 */

type ShareFile = (o: { filePath: string; fileName: string; fail?: () => void }) => void;

function shareFn(): ShareFile | undefined {
  const share = (wx as unknown as { shareFileMessage?: ShareFile }).shareFileMessage;
  return typeof share === 'function' ? share : undefined;
}

/** Writes `text` as UTF-8 to `${USER_DATA_PATH}/${fileName}`; the path, or '' when the write failed (storage full, refused). */
export function saveTextFile(fileName: string, text: string): string {
  const filePath = `${wx.env.USER_DATA_PATH}/${fileName}`;
  try {
    wx.getFileSystemManager().writeFileSync(filePath, text, 'utf8');
    return filePath;
  } catch {
    return '';
  }
}

/** Whether this WeChat can send a file into a chat. */
export function canShareFile(): boolean {
  return shareFn() !== undefined;
}

/** Sends a saved file into a chat (e.g. 文件传输助手). Must run from a tap. A cancelled send is not an error. */
export function shareFile(filePath: string, fileName: string): void {
  shareFn()?.({ filePath, fileName, fail: () => undefined });
}

/** Writes a base64 payload (an xlsx from the server) as binary; the path, or '' when the write failed. */
export function saveBase64File(fileName: string, base64: string): string {
  const filePath = `${wx.env.USER_DATA_PATH}/${fileName}`;
  try {
    wx.getFileSystemManager().writeFileSync(filePath, base64, 'base64');
    return filePath;
  } catch {
    return '';
  }
}

/**
 * Opens a saved spreadsheet in WeChat's viewer, whose menu forwards or saves it; the viewer
 * opens xlsx but not CSV, so exports for the phone are xlsx. `fail` when it cannot open it.
 */
export function openDocument(filePath: string, fileType: 'xlsx', fail: () => void): void {
  wx.openDocument({ filePath, fileType, showMenu: true, fail });
}
