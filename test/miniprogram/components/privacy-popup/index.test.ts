import { cleanup, flush, loadPage, render, wxMock } from '../../harness';
import { isPending, requestAuthorization, resetPrivacy } from '../../../../miniprogram/services/privacy';

const popupId = loadPage('components/privacy-popup/index');

beforeEach(() => {
  jest.clearAllMocks();
  resetPrivacy();
});

describe('no authorization is pending', () => {
  it('shows nothing', () => {
    const popup = render(popupId);
    expect(popup.exists('#agree-btn')).toBe(false);
  });
});

describe('WeChat asks for privacy authorization', () => {
  it('shows the popup with 同意, 拒绝 and the guide link', async () => {
    const popup = render(popupId);
    requestAuthorization(jest.fn());
    await flush();
    expect(popup.text('#agree-btn')).toBe('同意');
    expect(popup.text('#disagree-btn')).toBe('拒绝');
    await popup.tap('#contract');
    expect(wxMock.openPrivacyContract).toHaveBeenCalled();
  });

  it('resolves with agree and the button id when the resident agrees', async () => {
    const popup = render(popupId);
    const resolve = jest.fn();
    requestAuthorization(resolve);
    await flush();
    await popup.trigger('#agree-btn', 'agreeprivacyauthorization', {});
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-btn' });
    expect(popup.exists('#agree-btn')).toBe(false);
    expect(isPending()).toBe(false);
  });

  it('resolves with disagree when the resident refuses', async () => {
    const popup = render(popupId);
    const resolve = jest.fn();
    requestAuthorization(resolve);
    await flush();
    await popup.tap('#disagree-btn');
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
    expect(popup.exists('#agree-btn')).toBe(false);
  });

  it('is shown by a popup mounted after the request', async () => {
    requestAuthorization(jest.fn());
    const popup = render(popupId);
    await flush();
    expect(popup.exists('#agree-btn')).toBe(true);
  });

  it('stops listening once detached', async () => {
    const popup = render(popupId);
    cleanup();
    requestAuthorization(jest.fn());
    await flush();
    expect(popup.exists('#agree-btn')).toBe(false);
  });
});
