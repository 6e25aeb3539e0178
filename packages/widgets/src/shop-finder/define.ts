// Placeholder until the <ess-shop-finder> issue lands: this file registers the element.
export {};
