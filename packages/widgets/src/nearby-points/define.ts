// Placeholder until the <ess-nearby-points> issue lands: this file registers the element.
export {};
