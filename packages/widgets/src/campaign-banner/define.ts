// Placeholder until the <ess-campaign-banner> issue lands: this file registers the element.
export {};
