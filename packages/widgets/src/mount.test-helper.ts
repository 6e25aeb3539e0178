// Test helper: an element placed in the page (cleaned up after each test by @open-wc/testing),
// reading feeds through the given loader.
import { fixture } from '@open-wc/testing';
import type { EssElement, FeedLoader } from '@ess-widgets/core';

export async function mount<T extends EssElement>(markup: string, loader: FeedLoader, width?: string): Promise<T> {
  const wrapper = await fixture<HTMLDivElement>(`<div${width ? ` style="width: ${width}"` : ''}></div>` as unknown as never);
  wrapper.innerHTML = markup;
  const el = wrapper.firstElementChild as T;
  el.loader = loader;
  el.requestUpdate();
  await el.updateComplete;
  return el;
}
