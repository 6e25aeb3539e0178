import type { Location } from '@ess-widgets/core';

/** Detail of `ess-location-select`, fired by the finder and the nearby list. */
export interface LocationSelectDetail {
  id: string;
  location: Location;
}

declare global {
  interface GlobalEventHandlersEventMap {
    'ess-location-select': CustomEvent<LocationSelectDetail>;
  }
}
