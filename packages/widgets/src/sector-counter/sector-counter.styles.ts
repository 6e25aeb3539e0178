import { css } from 'lit';
import { stateStyles, tokens } from '@ess-widgets/core';

export const counterStyles = [
  tokens,
  stateStyles,
  css`
    /* --ess-min-height: the height a page reserves for the figures (before the script too); kept once drawn. */
    :host {
      min-height: var(--ess-min-height, 0);
      container-type: inline-size;
      overflow-wrap: anywhere;
      --_ess-reserve: 7em;
      --_value-size: var(--ess-counter-value-size, clamp(1.5em, 9cqi, 2.5em));
    }
    /* In a sentence: the sentence's own text settings. */
    :host([layout='inline']) {
      --_ess-display: inline;
      min-height: 0;
      line-height: inherit;
      letter-spacing: inherit;
      word-spacing: inherit;
      text-transform: inherit;
      font-style: inherit;
      font-weight: inherit;
      container-type: normal;
      --_ess-reserve: 1.2em;
      --_value-size: var(--ess-counter-value-size, 1em);
    }
    .figures,
    .sk-figures {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-wrap: wrap;
      gap: var(--ess-counter-gap, 1.5em);
    }
    :host([layout='big']) .figures,
    :host([layout='big']) .sk-figures {
      flex-direction: column;
    }
    :host([layout='big']) .figure,
    :host([layout='big']) .sk-figure {
      flex: none;
    }
    :host([layout='inline']) .figures,
    :host([layout='inline']) .figure {
      display: inline;
    }
    .figure,
    .sk-figure {
      display: flex;
      flex-direction: column;
      flex: 1 1 10em;
    }
    .value {
      display: inline-flex;
      align-items: baseline;
      gap: 0.2em;
      flex-wrap: wrap;
      font-size: var(--_value-size);
      font-weight: 700;
      line-height: 1.1;
      color: var(--_ess-accent);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    :host([layout='big']) .value {
      /* Shrinks with a narrow container so the figure never overflows a phone. */
      font-size: var(--ess-counter-value-size, clamp(1.75em, 11cqi, 3.5em));
    }
    .figures:not(:only-child) .value,
    .value {
      max-width: 100%;
    }
    :host([layout='inline']) .value {
      display: inline-flex;
      color: inherit;
    }
    .approx {
      font-size: 0.45em;
      font-weight: 600;
    }
    :host([layout='inline']) .approx {
      font-size: 1em;
      font-weight: inherit;
    }
    /* The final value, invisible, holds the width so nothing moves while counting. */
    .digits {
      display: inline-grid;
    }
    .digits > * {
      grid-area: 1 / 1;
      text-align: start;
    }
    .reserve {
      visibility: hidden;
    }
    /* On paper nothing counts: the final value, even for a figure never scrolled to. */
    @media print {
      .reserve:not(.from) {
        visibility: visible;
      }
      .shown,
      .from {
        visibility: hidden;
      }
    }
    .label {
      margin-top: 0.25em;
    }
    :host([layout='inline']) .label {
      margin: 0 0 0 0.25em;
    }
    .source {
      font-size: 0.8em;
      color: var(--_ess-muted);
      margin-top: 0.25em;
    }
    .fallback {
      min-height: var(--_ess-reserve);
    }
    /* The skeleton of the figures under the fallback (or the loading box) holds their height. */
    .fallback[data-held],
    .held {
      display: grid;
      min-height: 0;
      --_ess-reserve: 0px;
    }
    .fallback[data-held] > *,
    .held > * {
      grid-area: 1 / 1;
      min-width: 0;
    }
    .skeleton {
      visibility: hidden;
    }
    :host([layout='inline']) .fallback {
      display: inline;
      min-height: 0;
    }
  `,
];
