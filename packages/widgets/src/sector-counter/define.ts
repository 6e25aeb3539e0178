// Placeholder until the <ess-sector-counter> issue lands: this file registers the element.
export {};
