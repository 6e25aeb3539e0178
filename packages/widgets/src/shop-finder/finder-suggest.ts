/**
 * Suggestions as the visitor types, places first, then locations — the state
 * behind an ARIA combobox with a listbox popup (WAI-ARIA Authoring Practices,
 * "Combobox"): arrows move the active option (announced through
 * aria-activedescendant, focus stays in the box), Enter takes it, Escape
 * closes the list, then clears the box. A reactive controller, so the element
 * only wires it to its template.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { foldText } from '@ess-widgets/core';
import type { Origin } from '../shared/geocoder.js';
import type { ListedItem } from './finder-protocol.js';

export type Suggestion = { kind: 'place'; place: Origin } | { kind: 'location'; item: ListedItem };

export interface SuggestSource {
  /** Places for the words, at once (the gazetteer is on this thread). */
  places(q: string): Origin[];
  /** Locations whose name or organisation the words name (asked of the index). */
  locations(q: string): Promise<ListedItem[]>;
}

/** Fewer letters than this suggest nothing: "5" or "b" would list half the country. */
const MIN_LETTERS = 2;

export class SuggestController implements ReactiveController {
  items: Suggestion[] = [];
  open = false;
  /** The active option, -1 when none (the box itself). */
  active = -1;
  private seq = 0;

  constructor(private readonly host: ReactiveControllerHost, private readonly source: SuggestSource) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    this.close();
  }

  get current(): Suggestion | undefined {
    return this.open ? this.items[this.active] : undefined;
  }

  /** The box's text changed: places at once, locations when the index answers (a later keystroke wins). */
  async input(q: string): Promise<void> {
    const id = ++this.seq;
    this.active = -1;
    if (foldText(q).replace(/ /g, '').length < MIN_LETTERS) return this.close();
    const places = this.source.places(q).map((place): Suggestion => ({ kind: 'place', place }));
    this.set(places);
    const locations = await this.source.locations(q);
    if (id !== this.seq) return;
    this.set([...places, ...locations.map((item): Suggestion => ({ kind: 'location', item }))]);
  }

  /** Arrow keys: the next or previous option, wrapping; opens the list when it has options. */
  move(step: 1 | -1): void {
    if (!this.items.length) return;
    if (!this.open) {
      this.open = true;
      this.active = step > 0 ? 0 : this.items.length - 1;
    } else {
      const n = this.items.length;
      this.active = this.active < 0 ? (step > 0 ? 0 : n - 1) : (this.active + step + n) % n;
    }
    this.host.requestUpdate();
  }

  close(): void {
    this.seq++;
    if (!this.open && this.active < 0) return;
    this.open = false;
    this.active = -1;
    this.host.requestUpdate();
  }

  private set(items: Suggestion[]): void {
    this.items = items;
    this.open = items.length > 0;
    if (this.active >= items.length) this.active = -1;
    this.host.requestUpdate();
  }
}
