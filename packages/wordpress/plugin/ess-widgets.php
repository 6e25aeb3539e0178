<?php
/**
 * Plugin Name:       ESS Widgets
 * Description:       Shop finder, nearby points, campaign banner and sector counter of the social and solidarity economy, as blocks, shortcodes or pasted elements. The scripts are served by your own site.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * Author:            ESS Widgets contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       ess-widgets
 * Domain Path:       /languages
 *
 * @package ESS_Widgets
 */

defined( 'ABSPATH' ) || exit;

define( 'ESS_WIDGETS_VERSION', '0.1.0' );
define( 'ESS_WIDGETS_FILE', __FILE__ );
define( 'ESS_WIDGETS_DIR', plugin_dir_path( __FILE__ ) );
define( 'ESS_WIDGETS_URL', plugin_dir_url( __FILE__ ) );

require_once ESS_WIDGETS_DIR . 'includes/elements.php';
require_once ESS_WIDGETS_DIR . 'includes/assets.php';
require_once ESS_WIDGETS_DIR . 'includes/blocks.php';
require_once ESS_WIDGETS_DIR . 'includes/shortcodes.php';
require_once ESS_WIDGETS_DIR . 'includes/kses.php';
require_once ESS_WIDGETS_DIR . 'includes/proxy.php';
require_once ESS_WIDGETS_DIR . 'includes/settings.php';

add_action( 'init', 'ess_widgets_load_textdomain', 1 );

/** Loads the plugin's translations (fr, nl, de shipped in languages/). */
function ess_widgets_load_textdomain() {
	load_plugin_textdomain( 'ess-widgets', false, dirname( plugin_basename( ESS_WIDGETS_FILE ) ) . '/languages' );
}
