import { loadPage, render, wxMock } from '../../harness';
import type { PhotoItem } from '../../../../miniprogram/services/photos';

const gridId = loadPage('components/photo-grid/index');

const shown = (n: string): PhotoItem => ({ id: `cloud://e.b/${n}.jpg`, src: `https://t/${n}.jpg`, pending: false });
const checking: PhotoItem = { id: 'cloud://e.b/wait.jpg', src: '', pending: true };

beforeEach(() => jest.clearAllMocks());

describe('a grid of photos to look at', () => {
  it('shows each photo and a 审核中 tile for one still being checked', () => {
    const grid = render(gridId, { photos: [shown('a'), checking, shown('b')] });
    expect(grid.count('.photo')).toBe(2);
    expect(grid.text('.photo-pending')).toBe('审核中');
    expect(grid.exists('#add-photo')).toBe(false);
    expect(grid.exists('.photo-remove')).toBe(false);
  });

  it('enlarges a tapped photo and swipes through this grid only, skipping tiles being checked', async () => {
    const grid = render(gridId, { photos: [shown('a'), checking, shown('b')] });
    await grid.tap('.photo');
    expect(wxMock.previewImage).toHaveBeenCalledWith({ current: 'https://t/a.jpg', urls: ['https://t/a.jpg', 'https://t/b.jpg'] });
  });

  it('draws nothing without photos', () => {
    expect(render(gridId, { photos: [] }).exists('.ll-photos')).toBe(false);
  });
});

describe('a grid a form adds photos to', () => {
  it('asks the page to add a photo, and to remove the one whose × was tapped', async () => {
    const grid = render(gridId, { photos: [shown('a'), shown('b')], editable: true, max: 3 });
    const instance = grid.instance as unknown as { triggerEvent: jest.Mock };
    const fired = jest.spyOn(instance, 'triggerEvent');
    await grid.tap('#add-photo');
    expect(fired).toHaveBeenCalledWith('add');
    expect(grid.count('.form-photo')).toBe(2);
    await grid.tap('.photo-remove');
    expect(fired).toHaveBeenCalledWith('remove', { index: 0 });
  });

  it('offers no add tile once full, and says when an upload is under way', () => {
    expect(render(gridId, { photos: [shown('a')], editable: true, max: 1 }).exists('#add-photo')).toBe(false);
    expect(render(gridId, { photos: [], editable: true, uploading: true }).text('#add-photo')).toContain('上传中');
  });
});
