// The one-script-tag entry: <script type="module" src="…/ess-widgets.js"></script>
// registers every element; heavy parts (the map, opening hours) load when needed.
import './index.js';
