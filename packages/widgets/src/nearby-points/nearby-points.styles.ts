import { css } from 'lit';
import { stateStyles, tokens } from '@ess-widgets/core';
import { formStyles } from '../shared/form.styles.js';
import { detailStyles } from '../shared/details.styles.js';

export const nearbyStyles = [
  tokens,
  stateStyles,
  formStyles,
  detailStyles,
  css`
    :host {
      display: block;
      container-type: inline-size;
      --_ess-reserve: 16em;
      font-size: 1em;
    }
    /* The loading box is as tall as what follows it (--ess-min-height wins): the form and hint
       without a starting point; with one, the form, the heading, the map and --_rows rows of a
       typical height for this width (an address, materials, hours and two links). */
    .loading {
      --_item: 9.75em;
      --_ess-reserve: 14.1em;
    }
    .loading[data-origin] {
      --_ess-reserve: calc(10.3em + var(--_map) * (var(--ess-nearby-map-height, 14em) + 0.5em) + var(--_rows) * (var(--_item) + 0.5em) - 0.5em);
    }
    @container (min-width: 40em) {
      .loading {
        --_item: 8.4em;
      }
    }
    .hint,
    .empty {
      color: var(--_ess-muted);
    }
    .heading {
      font-size: 1em;
      margin: 0.75em 0 0.5em;
    }
    /* Leaflet sets its container's font to 0.75rem: the map keeps the element's em (its height is in em). */
    .map.leaflet-container {
      font-size: inherit;
    }
    .map {
      height: var(--ess-nearby-map-height, 14em);
      border-radius: var(--_ess-radius);
      margin-bottom: 0.5em;
      background: var(--_ess-surface);
    }
    .results {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5em;
    }
    .item {
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.15em 0.5em;
      padding: 0.6em;
      border: 1px solid var(--_ess-border);
      border-radius: var(--_ess-radius);
      background: var(--_ess-bg);
      font-size: 0.925em;
    }
    .item[data-selected] {
      border-color: var(--_ess-accent);
      box-shadow: inset 0.25em 0 0 var(--_ess-accent);
    }
    .name {
      all: unset;
      cursor: pointer;
      font-weight: 600;
      overflow-wrap: anywhere;
    }
    .name:focus-visible {
      outline: 2px solid var(--_ess-focus);
    }
    .distance {
      font-weight: 600;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .address,
    .materials,
    .hours,
    .actions {
      grid-column: 1 / -1;
      color: var(--_ess-muted);
    }
  `,
];
