import { css } from 'lit';
import { stateStyles, tokens } from '@ess-widgets/core';
import { formStyles } from '../shared/form.styles.js';
import { detailStyles, weekStyles } from '../shared/details.styles.js';

export const finderStyles = [
  tokens,
  stateStyles,
  formStyles,
  detailStyles,
  weekStyles,
  css`
    /*
     * The element is --ess-finder-height tall from its loading state on, wide or narrow: the
     * panes take what the search form leaves. Only opening the filters makes it taller.
     */
    :host {
      --_ess-display: flex;
      flex-direction: column;
      min-height: var(--ess-finder-height, 40em);
      container-type: inline-size;
      --_ess-reserve: var(--ess-finder-height, 40em);
      --_marker: var(--ess-finder-marker, var(--_ess-accent));
    }
    :host([hidden]) {
      display: none;
    }
    :host > .ess-state {
      flex: 1;
    }
    .near {
      color: var(--_ess-muted);
    }
    /* Shown when reached by keyboard: a way past the list straight to the map. */
    .skip {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }
    .skip:focus {
      position: static;
      width: auto;
      height: auto;
      clip-path: none;
      align-self: flex-start;
      min-height: 2.75em;
      margin-bottom: 0.5em;
    }
    .combo {
      position: relative;
      flex: 1;
      display: flex;
      min-width: 8em;
    }
    .suggestions {
      position: absolute;
      top: calc(100% + 2px);
      inset-inline: 0;
      z-index: 1100; /* above Leaflet's panes and controls */
      background: var(--_ess-bg);
      border: 1px solid var(--_ess-border);
      border-radius: var(--_ess-radius);
      box-shadow: 0 4px 12px rgb(0 0 0 / 18%);
      padding: 0.25em 0;
    }
    .suggestions[hidden] {
      display: none;
    }
    .group-label {
      font-size: 0.8em;
      font-weight: 600;
      color: var(--_ess-muted);
      padding: 0.35em 0.75em 0.1em;
    }
    .option {
      display: flex;
      flex-direction: column;
      justify-content: center;
      min-height: 2.75em;
      padding: 0.2em 0.75em;
      cursor: pointer;
    }
    .option[aria-selected='true'],
    .option:hover {
      background: color-mix(in srgb, var(--_ess-accent) 14%, var(--_ess-bg));
      outline: 2px solid var(--_ess-focus);
      outline-offset: -2px;
    }
    .option-detail {
      font-size: 0.85em;
      color: var(--_ess-muted);
    }
    .filters {
      margin: 0.5em 0;
      border: 1px solid var(--_ess-border);
      border-radius: var(--_ess-radius);
      padding: 0.25em 0.75em;
      background: var(--_ess-bg);
    }
    .filters summary {
      cursor: pointer;
      font-weight: 600;
      min-height: 2.5em;
      display: flex;
      align-items: center;
    }
    .facets {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5em 1.5em;
      padding-bottom: 0.5em;
    }
    /* No box scrolls inside another: long facets show their first values and a "show all" button. */
    .facet {
      border: 0;
      margin: 0;
      padding: 0;
      min-width: 12em;
    }
    .facet legend {
      font-weight: 600;
      padding: 0;
      margin-bottom: 0.25em;
    }
    .check {
      display: flex;
      gap: 0.5em;
      align-items: center;
      min-height: 2.75em;
      cursor: pointer;
    }
    /* Every control at least 24 × 24 CSS px (WCAG 2.2, 2.5.8), whatever the host's font size. */
    .check input {
      width: max(1.25em, 24px);
      height: max(1.25em, 24px);
      margin: 0;
      flex: none;
    }
    .count {
      color: var(--_ess-muted);
      font-variant-numeric: tabular-nums;
    }
    .open-now {
      align-self: flex-start;
      font-weight: 600;
    }
    .toggle {
      display: inline-flex;
      align-self: flex-start;
      border: 1px solid var(--_ess-accent);
      border-radius: var(--_ess-radius);
      overflow: hidden;
      margin-bottom: 0.5em;
    }
    .toggle button {
      border: 0;
      min-height: 2.75em;
      padding: 0 1.2em;
      background: var(--_ess-bg);
      color: var(--_ess-accent);
      cursor: pointer;
    }
    .toggle button[aria-pressed='true'] {
      background: var(--_ess-accent);
      color: var(--_ess-on-accent);
    }
    .panes {
      display: grid;
      grid-template-columns: minmax(18em, 2fr) 3fr;
      grid-template-rows: minmax(0, 1fr);
      gap: 0.75em;
      flex: 1 1 0;
      min-height: 16em;
    }
    .list-pane {
      overflow: auto;
      min-height: 0;
    }
    /*
     * On a phone the list grows with the page (one scroll, the page's own), and the map takes most
     * of the screen when shown.
     */
    .panes[data-narrow] {
      display: block;
      flex: none;
      min-height: 0;
    }
    .panes[data-narrow] .list-pane {
      overflow: visible;
    }
    .panes[data-narrow] .map-pane {
      height: max(20em, 70vh);
    }
    .list-pane > .ess-state {
      min-height: 100%;
      box-sizing: border-box;
    }
    .map-pane {
      display: flex;
      flex-direction: column;
      min-height: 0;
    }
    .map {
      flex: 1;
      min-height: 14em;
      border-radius: var(--_ess-radius);
      background: var(--_ess-surface);
    }
    .map:focus-visible {
      outline: 3px solid var(--_ess-focus);
      outline-offset: 2px;
    }
    .map-help {
      font-size: 0.8em;
      color: var(--_ess-muted);
      margin: 0.25em 0 0;
    }
    .list-heading {
      font-size: 1em;
      margin: 0 0 0.5em;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.4em;
    }
    /* The whole card is the tap target: the name's button stretches over it. */
    .item {
      position: relative;
      display: grid;
      grid-template-columns: 1fr auto;
      gap: 0.1em 0.5em;
      padding: 0.55em 0.6em;
      border: 1px solid var(--_ess-border);
      border-radius: var(--_ess-radius);
      background: var(--_ess-bg);
      font-size: 0.925em;
    }
    .name {
      all: unset;
      cursor: pointer;
      font-weight: 600;
      color: var(--_ess-text);
      overflow-wrap: anywhere;
      min-height: 24px;
    }
    .name::after {
      content: '';
      position: absolute;
      inset: 0;
      border-radius: var(--_ess-radius);
    }
    .item:hover {
      border-color: var(--_ess-accent);
    }
    .name:hover {
      text-decoration: underline;
    }
    .name:focus-visible {
      outline: none;
    }
    .name:focus-visible::after {
      outline: 3px solid var(--_ess-focus);
      outline-offset: 1px;
    }
    .distance {
      font-weight: 600;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }
    .cats,
    .address,
    .hours {
      grid-column: 1 / -1;
      color: var(--_ess-muted);
    }
    .cats {
      display: flex;
      flex-wrap: wrap;
      gap: 0.3em;
      margin: 0.1em 0;
    }
    .cat {
      font-size: 0.8em;
      padding: 0.05em 0.5em;
      border-radius: 1em;
      border: 1px solid var(--_c, var(--_ess-border));
      color: var(--_ess-text);
      background: color-mix(in srgb, var(--_c, transparent) 12%, var(--_ess-bg));
    }
    .other-places {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25em 0.75em;
      align-items: baseline;
      color: var(--_ess-muted);
    }
    .overview-intro {
      margin: 0 0 0.75em;
      color: var(--_ess-muted);
    }
    .group h4 {
      margin: 0.9em 0 0.4em;
      font-size: 1em;
    }
    .show-category {
      margin-top: 0.1em;
    }
    .more {
      margin: 0.75em 0;
    }
    .empty h4 {
      margin: 1em 0 0.5em;
    }
    .detail h3 {
      margin: 0.25em 0;
      font-size: 1.2em;
    }
    .detail dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.35em 0.75em;
      margin: 0.75em 0;
    }
    .detail dt {
      font-weight: 600;
    }
    .detail dd {
      margin: 0;
      overflow-wrap: anywhere;
    }
    /* The week's table needs the whole width: it goes under its heading. */
    .detail dd.hours-detail {
      grid-column: 1 / -1;
    }
    .description {
      white-space: pre-line;
    }
    @container (max-width: 30em) {
      .detail dl {
        grid-template-columns: 1fr;
      }
    }
    /* Map markers (light DOM of the map container, inside our shadow root). */
    .ess-pin {
      border-radius: 50%;
      background: var(--_marker);
      border: 2px solid #fff;
      box-shadow: 0 1px 3px rgb(0 0 0 / 40%);
    }
    .ess-pin.cluster {
      display: grid;
      place-items: center;
      color: #fff;
      font: 600 0.8em/1 var(--_ess-font, sans-serif);
      background: color-mix(in srgb, var(--_marker) 85%, #000);
    }
    .ess-pin.selected {
      background: #b3261e;
      box-shadow: 0 0 0 3px rgb(179 38 30 / 35%), 0 1px 3px rgb(0 0 0 / 40%);
    }
    .ess-pin.cursor {
      outline: 3px solid var(--_ess-focus);
      outline-offset: 2px;
    }
    /* Leaflet's credits and zoom buttons are controls too: 24 px at least. */
    .leaflet-control-attribution a {
      display: inline-block;
      min-height: 24px;
      line-height: 24px;
    }
    .ess-near {
      border-radius: 50%;
      background: #0b57d0;
      border: 3px solid #fff;
      box-shadow: 0 0 0 2px #0b57d0;
    }
  `,
];
