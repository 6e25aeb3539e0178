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
      --_ess-reserve: 16em;
      font-size: 1em;
    }
    .hint,
    .empty {
      color: var(--_ess-muted);
    }
    .heading {
      font-size: 1em;
      margin: 0.75em 0 0.5em;
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
