import { css } from 'lit';
import { tokens } from '@ess-widgets/core';

// Notes on the rules below (kept out of the CSS text, which ships as is):
// - data-empty (no campaign, or closed): no space at all. Important, so that a theme's
//   "ess-campaign-banner { display: block; margin: … }" cannot bring the space back.
// - Before the feed arrives, inline variants hold the height they had on the visitor's last page
//   (remembered by the element), else a typical one (measured on the sample campaigns, by the
//   element's own width). --ess-min-height sets it exactly, and the drawn banner keeps it as its
//   minimum, so a site that sets it sees nothing move.
// - The image has a fixed shape, so its height is known before the (lazy) image arrives.
// - A card 40em wide or more draws at least its reserve (12em), image or not: the image fills
//   the left 40% at the card's height (cropped), so what arrives is as tall as what was held,
//   unless its text needs more.
// - The close button has its own background: it may sit over the image.
// - Floating: over the page, at the bottom of the window; the page below never moves.
export const bannerStyles = [
  tokens,
  css`
    :host {
      display: block;
      container-type: inline-size;
      --_bg: var(--ess-banner-background, var(--_ess-surface));
      --_fg: var(--ess-banner-color, var(--_ess-text));
    }
    :host([data-empty]) {
      display: none !important;
    }
    .reserve,
    :host(:not([variant='floating'])) .banner {
      min-height: var(--ess-min-height, var(--_reserve));
    }
    .banner {
      --_reserve: 0;
    }
    .reserve {
      --_reserve: 10em;
    }
    :host([variant='bar']) .reserve {
      --_reserve: 9em;
    }
    @container (min-width: 40em) {
      .reserve,
      :host([variant='card']) .banner {
        --_reserve: 12em;
      }
      :host([variant='bar']) .reserve {
        --_reserve: 7em;
      }
    }
    @container (min-width: 60em) {
      :host([variant='bar']) .reserve {
        --_reserve: 3.5em;
      }
    }
    :host([variant='floating']) .reserve:not(.fallback) {
      display: none;
    }
    .fallback {
      display: flow-root;
    }
    :host([variant='floating']) .fallback {
      min-height: 0;
    }
    .banner {
      position: relative;
      display: flex;
      flex-direction: column;
      background: var(--_bg);
      color: var(--_fg);
      border-radius: var(--_ess-radius);
      overflow: hidden;
    }
    img {
      display: block;
      width: 100%;
      height: auto;
      aspect-ratio: 16 / 9;
      max-height: 16em;
      object-fit: cover;
    }
    .body {
      padding: var(--_ess-space) calc(var(--_ess-space) + 2.75em) var(--_ess-space) var(--_ess-space);
      display: flex;
      flex-direction: column;
      gap: 0.5em;
      align-items: flex-start;
    }
    .title {
      margin: 0;
      font-size: 1.35em;
      font-weight: 700;
      line-height: 1.2;
    }
    .message {
      margin: 0;
    }
    .cta {
      display: inline-block;
      padding: 0.55em 1em;
      min-height: 2.75em;
      border-radius: var(--_ess-radius);
      background: var(--_cta-bg, var(--_ess-accent));
      color: var(--_cta-fg, var(--_ess-on-accent));
      font-weight: 600;
      text-decoration: none;
    }
    .cta:hover {
      text-decoration: underline;
    }
    .preview {
      margin: 0;
      font-size: 0.8em;
      padding: 0.1em 0.5em;
      border: 1px dashed currentColor;
      border-radius: 0.3em;
    }
    .close {
      position: absolute;
      top: 0.25em;
      right: 0.25em;
      width: 2.75em;
      height: 2.75em;
      border: 0;
      border-radius: 50%;
      background: var(--_bg);
      color: inherit;
      font-size: 1em;
      cursor: pointer;
    }
    .close span {
      font-size: 1.6em;
      line-height: 1;
    }
    .close:hover {
      background: color-mix(in srgb, currentColor 12%, var(--_bg));
    }
    :host([variant='bar']) .banner {
      border-radius: 0;
    }
    :host([variant='bar']) .body {
      flex-direction: row;
      flex-wrap: wrap;
      align-items: center;
      column-gap: 1em;
      padding-block: 0.5em;
    }
    :host([variant='bar']) .title {
      font-size: 1.05em;
    }
    :host([variant='bar']) .cta {
      padding-block: 0.35em;
      min-height: 0;
    }
    @container (min-width: 40em) {
      :host([variant='card']) .banner:has(img) {
        flex-direction: row;
      }
      :host([variant='card']) .banner:has(img) img {
        position: absolute;
        inset: 0 auto 0 0;
        width: 40%;
        height: 100%;
        max-height: none;
        aspect-ratio: auto;
      }
      :host([variant='card']) .banner:has(img) .body {
        margin-left: 40%;
      }
      :host([variant='card']) .body {
        flex: auto;
        justify-content: center;
      }
    }
    :host([variant='floating']) {
      position: fixed;
      inset: auto 1em 1em auto;
      left: 1em;
      margin-left: auto;
      max-width: var(--ess-banner-max-width, 36em);
      z-index: 2147483000;
    }
    :host([variant='floating']) .banner {
      box-shadow: 0 0.5em 2em rgb(0 0 0 / 25%);
    }
    @media (prefers-reduced-motion: no-preference) {
      :host([variant='floating']) .banner {
        animation: ess-rise 0.3s ease-out;
      }
    }
    @keyframes ess-rise {
      from {
        transform: translateY(1em);
        opacity: 0;
      }
    }
  `,
];
