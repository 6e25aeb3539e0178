import { css } from 'lit';

/**
 * The public design tokens. Hosts theme every element with `--ess-*` custom
 * properties; inside, each is copied into a private `--_ess-*` with its
 * default, so a missing or invalid host value never breaks the look. Sizes are
 * in em so the element follows the host's font size, not the root's.
 */
export const tokens = css`
  :host {
    --_ess-font: var(--ess-font-family, inherit);
    --_ess-text: var(--ess-color-text, #1f2328);
    --_ess-muted: var(--ess-color-muted, #57606a);
    --_ess-bg: var(--ess-color-background, #ffffff);
    --_ess-surface: var(--ess-color-surface, #f6f8fa);
    --_ess-border: var(--ess-color-border, #d0d7de);
    --_ess-accent: var(--ess-color-accent, #00695c);
    --_ess-on-accent: var(--ess-color-on-accent, #ffffff);
    --_ess-danger: var(--ess-color-danger, #b3261e);
    --_ess-warning-bg: var(--ess-color-warning-background, #fff4ce);
    --_ess-focus: var(--ess-color-focus, #0b57d0);
    --_ess-radius: var(--ess-radius, 0.5em);
    --_ess-space: var(--ess-space, 0.75em);
    font-family: var(--_ess-font);
    color: var(--_ess-text);
    /*
     * Host CSS cannot break the layout. A theme's normal rules beat :host, its !important
     * rules lose to :host's own: so display and box-sizing are important here (each element
     * gives its display in --_ess-display; hide one with the hidden attribute). Text settings
     * a theme puts on the page's containers stop at the element: line height, spacing, case,
     * alignment (rules on the element itself still apply; the font and colour are inherited
     * on purpose).
     */
    display: var(--_ess-display, block) !important;
    box-sizing: border-box !important;
    line-height: var(--ess-line-height, 1.5);
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    white-space: normal;
    font-style: normal;
    font-weight: normal;
    font-variant: normal;
    text-shadow: none;
    visibility: visible;
  }
  :host([hidden]) {
    display: none !important;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: 2px solid var(--_ess-focus);
    outline-offset: 2px;
  }
  [hidden] {
    display: none !important;
  }
  .visually-hidden {
    position: absolute !important;
    width: 1px;
    height: 1px;
    padding: 0;
    margin: -1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
    border: 0;
  }
  button,
  input,
  select {
    font: inherit;
    color: inherit;
  }
  a {
    color: var(--_ess-accent);
  }
`;

/**
 * The shared loading / error / notice states. The loading box takes the
 * element's reserved height (`--_ess-reserve`, set per element, overridable
 * with --ess-min-height) so nothing shifts when content arrives.
 */
export const stateStyles = css`
  .ess-state {
    min-height: var(--ess-min-height, var(--_ess-reserve, 6em));
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.5em;
    padding: var(--_ess-space);
    border-radius: var(--_ess-radius);
    background: var(--_ess-surface);
    color: var(--_ess-muted);
    text-align: center;
  }
  .ess-state[data-state='error'] {
    color: var(--_ess-text);
    border: 1px solid var(--_ess-danger);
    background: var(--_ess-bg);
  }
  .ess-state button,
  .ess-button {
    cursor: pointer;
    border: 1px solid var(--_ess-accent);
    background: var(--_ess-accent);
    color: var(--_ess-on-accent);
    border-radius: var(--_ess-radius);
    padding: 0.4em 0.9em;
    min-height: 2.75em;
  }
  .ess-notice {
    font-size: 0.875em;
    padding: 0.4em 0.6em;
    border-radius: var(--_ess-radius);
    background: var(--_ess-warning-bg);
    color: #3d2e00;
    margin: 0 0 0.5em;
  }
  .ess-notice[data-kind='sample'] {
    background: none;
    padding: 0;
    font-size: 0.75em;
    font-style: italic;
    color: var(--_ess-muted);
  }
  @media (prefers-reduced-motion: no-preference) {
    .ess-state[data-state='loading']::before {
      content: '';
      width: 1.5em;
      height: 1.5em;
      border-radius: 50%;
      border: 0.2em solid var(--_ess-border);
      border-top-color: var(--_ess-accent);
      animation: ess-spin 0.9s linear infinite;
    }
  }
  @keyframes ess-spin {
    to {
      transform: rotate(360deg);
    }
  }
`;
