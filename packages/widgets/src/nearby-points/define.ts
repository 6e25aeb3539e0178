import { EssNearbyPoints } from './nearby-points.js';
import '../shared/events.js';

EssNearbyPoints.define('ess-nearby-points');

declare global {
  interface HTMLElementTagNameMap {
    'ess-nearby-points': EssNearbyPoints;
  }
}

export { EssNearbyPoints };
