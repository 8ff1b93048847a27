// Pictures in posts and comments: uploaded one by one as raw bodies (POST /api/images, the core's
// image pipeline), then named with their alt text in the post or comment that shows them; served
// by /api/images/{id}?size=320|640|1280 (the longer side at most that, never enlarged).
import type { Paths, Schemas } from './contract';
import { upload, type UploadOptions } from './upload';

export type ImageData = Schemas['Image'];
export type UploadedImage = Paths['/api/images']['post']['responses'][201]['content']['application/json'];
export const IMAGE_SIZES = [320, 640, 1280] as const;
/** Pictures per post and per comment (the server refuses more with too_many_images). */
export const MAX_POST_PICTURES = 4;
export const MAX_COMMENT_PICTURES = 1;

export function uploadImage(file: Blob, options: UploadOptions = {}): Promise<UploadedImage> {
  return upload<UploadedImage>('/api/images', file, options);
}

export function imageSrc(url: string, size: (typeof IMAGE_SIZES)[number]): string {
  return `${url}?size=${size}`;
}

/** srcset with each size's real width (the largest size's proportions, never enlarged). */
export function imageSrcSet(img: Pick<ImageData, 'url' | 'width' | 'height'>): string {
  const longer = Math.max(img.width, img.height, 1);
  const seen = new Set<number>();
  const parts: string[] = [];
  for (const size of IMAGE_SIZES) {
    const w = Math.max(1, Math.round(img.width * Math.min(1, size / longer)));
    if (seen.has(w)) continue;
    seen.add(w);
    parts.push(`${imageSrc(img.url, size)} ${w}w`);
  }
  return parts.join(', ');
}
