/**
 * What an element watches about its own box, as a Lit reactive controller:
 * whether it is narrower than a breakpoint (its own width, not the window's:
 * it may sit in a sidebar) and whether it has come near the viewport (to load
 * a map or read hours only then). The width is watched while the element is
 * connected, again after a move in the page; having come near stays true.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export interface ObserverOptions {
  /** Width (CSS px) under which `narrow` is true; without it the width is not watched. */
  narrowBelow?: number;
  /** How near the viewport counts as in view (an IntersectionObserver root margin). */
  margin?: string;
  /** Watch for the viewport only once `watchNear()` is called (default: from connection). */
  lazy?: boolean;
  /** The element's box changed size (a map inside needs to know). */
  onResize?(): void;
  /** The element came near the viewport (once). */
  onNear?(): void;
}

export class ElementObservers implements ReactiveController {
  /** The element is narrower than `narrowBelow`. */
  narrow = false;
  /** The element has come near the viewport (at any time: a move in the page keeps it). */
  near = false;
  private resize?: ResizeObserver;
  private view?: IntersectionObserver;

  constructor(private host: ReactiveControllerHost & HTMLElement, private o: ObserverOptions) {
    host.addController(this);
  }

  hostConnected(): void {
    const below = this.o.narrowBelow;
    if (below !== undefined) {
      // Measured now, so the first frame has the right layout; then followed a frame later (a
      // change made inside the observer's callback would resize the element again within it:
      // a "ResizeObserver loop" error). The latest width of the frame wins.
      this.narrow = this.host.getBoundingClientRect().width < below;
      let width = -1;
      this.resize = new ResizeObserver(([e]) => {
        if (width < 0)
          requestAnimationFrame(() => {
            const narrow = width < below;
            width = -1;
            if (narrow !== this.narrow) {
              this.narrow = narrow;
              this.host.requestUpdate();
            }
          });
        width = e.contentRect.width;
        this.o.onResize?.();
      });
      this.resize.observe(this.host);
    }
    if (!this.o.lazy) this.watchNear();
  }

  /** Starts watching for the element coming near the viewport, unless it already has or is being watched. */
  watchNear(): void {
    if (this.near || this.view || !this.host.isConnected) return;
    this.view = new IntersectionObserver(
      (entries) => {
        if (!entries.some((e) => e.isIntersecting)) return;
        this.view?.disconnect();
        this.view = undefined;
        this.near = true;
        this.host.requestUpdate();
        this.o.onNear?.();
      },
      { rootMargin: this.o.margin ?? '300px' },
    );
    this.view.observe(this.host);
  }

  hostDisconnected(): void {
    this.resize?.disconnect();
    this.resize = undefined;
    this.view?.disconnect();
    this.view = undefined;
  }
}
