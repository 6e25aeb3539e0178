import { EssSectorCounter } from './sector-counter.js';

EssSectorCounter.define('ess-sector-counter');

declare global {
  interface HTMLElementTagNameMap {
    'ess-sector-counter': EssSectorCounter;
  }
  interface GlobalEventHandlersEventMap {
    'ess-counter-update': CustomEvent<{ id: string; from: number; to: number }>;
  }
}

export { EssSectorCounter };
