import { describe, expect, it } from 'vitest';
import { imageSrcSet } from '../../api/images';
import { chosenImages, missingAlt } from './PicturePicker';

describe('pictures', () => {
  it('gives each size its real width, without enlarging small pictures', () => {
    expect(imageSrcSet({ url: '/api/images/7', width: 1280, height: 960 })).toBe(
      '/api/images/7?size=320 320w, /api/images/7?size=640 640w, /api/images/7?size=1280 1280w',
    );
    // 600 x 900: 320 -> 213 x 320, 640 -> 427 x 640, and 1280 is the picture itself (600 wide).
    expect(imageSrcSet({ url: '/api/images/8', width: 600, height: 900 })).toBe('/api/images/8?size=320 213w, /api/images/8?size=640 427w, /api/images/8?size=1280 600w');
  });

  it('asks for a description unless the picture is marked decorative', () => {
    const base = { url: '/api/images/1', width: 10, height: 10 };
    const pictures = [
      { ...base, id: 1, alt: 'Ein Hund', decorative: false },
      { ...base, id: 2, alt: '  ', decorative: false },
    ];
    expect(missingAlt(pictures)).toBe(1);
    expect(missingAlt([pictures[0], { ...pictures[1], decorative: true }])).toBe(-1);
    expect(chosenImages([pictures[0], { ...pictures[1], decorative: true }])).toEqual([
      { id: 1, alt: 'Ein Hund', decorative: false },
      { id: 2, alt: '', decorative: true },
    ]);
  });
});
