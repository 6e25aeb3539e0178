import { css } from 'lit';

/** The search forms of the finder and the nearby list: one look, 44 px targets, the host's font. */
export const formStyles = css`
  .search {
    display: flex;
    flex-direction: column;
    gap: 0.35em;
  }
  .search > label {
    font-weight: 600;
  }
  .row {
    display: flex;
    gap: 0.35em;
    flex-wrap: wrap;
    align-items: center;
  }
  input[type='search'] {
    flex: 1;
    min-width: 8em;
    min-height: 2.75em;
    padding: 0.3em 0.6em;
    border: 1px solid var(--_ess-muted);
    border-radius: var(--_ess-radius);
    background: var(--_ess-bg);
  }
  .link {
    align-self: flex-start;
    min-height: 2.75em;
    padding: 0.3em 0;
    border: 0;
    background: none;
    color: var(--_ess-accent);
    text-decoration: underline;
    cursor: pointer;
  }
  .message:empty {
    display: none;
  }
  .message {
    margin: 0.5em 0;
    padding: 0.5em 0.6em;
    border-left: 0.25em solid var(--_ess-danger);
    background: var(--_ess-surface);
  }
`;
