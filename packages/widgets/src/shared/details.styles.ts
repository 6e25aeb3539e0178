import { css } from 'lit';

/**
 * The look of what shared/details.ts renders — hours, the week table, action
 * links — for every element that shows a location. One place to change it.
 */
export const detailStyles = css`
  .hours.pending {
    min-height: 1.4em;
  }
  .hours[data-state='open'] {
    color: #1b5e20;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25em 1em;
  }
  .actions a {
    display: inline-flex;
    align-items: center;
    min-height: 2.75em;
  }
`;

/** The week table of a location's detail (renderWeek): for the elements that show one. */
export const weekStyles = /* @__PURE__ */ css`
  .week {
    border-collapse: collapse;
    margin: 0.4em 0 0.2em;
    font-variant-numeric: tabular-nums;
  }
  .week th,
  .week td {
    text-align: start;
    vertical-align: top;
    padding: 0.15em 1em 0.15em 0;
    font-weight: normal;
    white-space: nowrap;
  }
  .week tr.today th,
  .week tr.today td {
    font-weight: 700;
  }
  .week tr.today {
    box-shadow: inset 0.2em 0 0 var(--_ess-accent);
  }
  .week tr.today th {
    padding-inline-start: 0.5em;
  }
  .today-mark {
    font-weight: normal;
    color: var(--_ess-muted);
  }
  .week-note {
    margin: 0.2em 0;
    color: var(--_ess-muted);
  }
`;
