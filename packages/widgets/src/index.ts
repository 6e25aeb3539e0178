// Registers every element. Import one element's define.js instead to register only that one.
import './shop-finder/define.js';
import './nearby-points/define.js';
import './campaign-banner/define.js';
import './sector-counter/define.js';

export { VERSION } from '@ess-widgets/core';
