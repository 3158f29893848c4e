import {
  agree,
  disagree,
  isPending,
  requestAuthorization,
  resetPrivacy,
  subscribe,
} from '../../../miniprogram/services/privacy';

beforeEach(() => resetPrivacy());

describe('a privacy request is answered with agree', () => {
  it('calls WeChat’s resolve once with the button id and clears the request', () => {
    const resolve = jest.fn();
    requestAuthorization(resolve);
    expect(isPending()).toBe(true);
    expect(agree('agree-btn')).toBe(true);
    expect(resolve).toHaveBeenCalledWith({ event: 'agree', buttonId: 'agree-btn' });
    expect(isPending()).toBe(false);
    expect(agree('agree-btn')).toBe(false);
    expect(resolve).toHaveBeenCalledTimes(1);
  });
});

describe('a privacy request is answered with disagree', () => {
  it('calls resolve with disagree', () => {
    const resolve = jest.fn();
    requestAuthorization(resolve);
    disagree();
    expect(resolve).toHaveBeenCalledWith({ event: 'disagree' });
  });
});

describe('nothing is pending', () => {
  it('answers are ignored', () => {
    expect(agree('x')).toBe(false);
    expect(disagree()).toBe(false);
  });
});

describe('a second request arrives before the first is answered', () => {
  it('the newest resolve is the one answered', () => {
    const first = jest.fn();
    const second = jest.fn();
    requestAuthorization(first);
    requestAuthorization(second);
    agree('agree-btn');
    expect(second).toHaveBeenCalled();
    expect(first).not.toHaveBeenCalled();
  });
});

describe('popups listening for requests', () => {
  it('hear the current state on subscribe and every change after', () => {
    const heard: boolean[] = [];
    const stop = subscribe((needed) => heard.push(needed));
    requestAuthorization(jest.fn());
    disagree();
    stop();
    requestAuthorization(jest.fn());
    expect(heard).toEqual([false, true, false]);
  });

  it('a popup mounted after the request is told at once', () => {
    requestAuthorization(jest.fn());
    const listener = jest.fn();
    subscribe(listener);
    expect(listener).toHaveBeenCalledWith(true);
  });
});
