/**
 * The fold for image events (`docker build`, `docker push`). Kept apart from reduce.ts like the
 * world's fold; an event that cannot apply (a push of an image its engine does not have) throws.
 */
import type { LoggedEvent } from './events.js';
import type { ClusterState } from './state.js';
import type { ImageStores } from './types.js';
import { ModelViolation } from './violation.js';

type ImageEvent = Extract<LoggedEvent, { type: `image/${string}` }>;

/** Applies an image event to `state` in place. */
export function applyImageEvent(state: ClusterState, event: ImageEvent): void {
  const stores: ImageStores = (state.images ??= { local: {}, registry: {} });
  const images = (stores.local[event.host] ??= []);
  if (event.type === 'image/pushed') {
    if (!images.some((image) => image.id === event.image.imageId)) {
      const what = `push of image ${event.image.imageId} not built on ${event.host}`;
      throw new ModelViolation(what, event);
    }
    stores.registry[event.ref] = structuredClone(event.image);
    return;
  }
  const built = event.image;
  // A tag names one image: building it again moves it to the new image (the old one may be
  // left with none, as docker's dangling `<none>` images).
  for (const image of images) {
    if (image.id !== built.id) image.tags = image.tags.filter((tag) => !built.tags.includes(tag));
  }
  const same = images.find((image) => image.id === built.id);
  if (same) same.tags = [...new Set([...same.tags, ...built.tags])].sort();
  else images.push(structuredClone(built));
}
