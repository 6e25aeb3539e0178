<?php
/**
 * Settings → ESS Widgets: default feed, default language, map tiles, where the scripts load from,
 * and the opt-in feed proxy.
 *
 * @package ESS_Widgets
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'admin_menu',
	function () {
		add_options_page( __( 'ESS Widgets', 'ess-widgets' ), __( 'ESS Widgets', 'ess-widgets' ), 'manage_options', 'ess-widgets', 'ess_widgets_settings_page' );
	}
);

add_filter(
	'plugin_action_links_' . plugin_basename( ESS_WIDGETS_FILE ),
	function ( $links ) {
		array_unshift( $links, '<a href="' . esc_url( admin_url( 'options-general.php?page=ess-widgets' ) ) . '">' . esc_html__( 'Settings', 'ess-widgets' ) . '</a>' );
		return $links;
	}
);

add_action(
	'admin_init',
	function () {
		register_setting(
			'ess_widgets',
			'ess_widgets',
			array(
				'type'              => 'array',
				'sanitize_callback' => 'ess_widgets_sanitize_settings',
				'default'           => array(),
			)
		);
	}
);

/**
 * A map tile URL template: http(s) or root-relative, with {z}, {x}, {y} kept (esc_url would drop the braces).
 *
 * @param string $url Input.
 * @return string '' when not acceptable.
 */
function ess_widgets_clean_tile_url( $url ) {
	$url = trim( (string) $url );
	return preg_match( '#^(https?://|/)[^\s"\'<>]*$#i', $url ) ? $url : '';
}

/**
 * Cleans the submitted settings.
 *
 * @param mixed $input Submitted values.
 * @return array
 */
function ess_widgets_sanitize_settings( $input ) {
	$in   = is_array( $input ) ? wp_unslash( $input ) : array();
	$feeds = array();
	foreach ( preg_split( '/\s+/', isset( $in['proxy_feeds'] ) ? (string) $in['proxy_feeds'] : '' ) as $url ) {
		$url = esc_url_raw( trim( $url ), array( 'http', 'https' ) );
		if ( '' !== $url ) {
			$feeds[] = $url;
		}
	}
	return array(
		'feed'             => isset( $in['feed'] ) ? esc_url_raw( trim( (string) $in['feed'] ) ) : '',
		'lang'             => isset( $in['lang'] ) && in_array( $in['lang'], array( 'fr', 'nl', 'de', 'en' ), true ) ? $in['lang'] : '',
		'tile_url'         => isset( $in['tile_url'] ) ? ess_widgets_clean_tile_url( $in['tile_url'] ) : '',
		'tile_attribution' => isset( $in['tile_attribution'] ) ? wp_kses( (string) $in['tile_attribution'], array( 'a' => array( 'href' => true ) ) ) : '',
		'script_source'    => isset( $in['script_source'] ) && 'url' === $in['script_source'] ? 'url' : 'plugin',
		'script_url'       => isset( $in['script_url'] ) ? esc_url_raw( trim( (string) $in['script_url'] ), array( 'http', 'https' ) ) : '',
		'proxy'            => empty( $in['proxy'] ) ? 0 : 1,
		'proxy_feeds'      => implode( "\n", array_unique( $feeds ) ),
		'proxy_ttl'        => isset( $in['proxy_ttl'] ) ? max( 1, min( 1440, (int) $in['proxy_ttl'] ) ) : 10,
		'proxy_max_mb'     => isset( $in['proxy_max_mb'] ) ? max( 1, min( 64, (int) $in['proxy_max_mb'] ) ) : 8,
	);
}

/** The page. */
function ess_widgets_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	$s     = ess_widgets_settings();
	$field = function ( $key ) {
		return 'ess_widgets[' . $key . ']';
	};
	$langs = array(
		''   => __( 'The site’s language', 'ess-widgets' ),
		'fr' => 'Français',
		'nl' => 'Nederlands',
		'de' => 'Deutsch',
		'en' => 'English',
	);
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'ESS Widgets', 'ess-widgets' ); ?></h1>
		<form method="post" action="options.php">
			<?php settings_fields( 'ess_widgets' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="ess-feed"><?php esc_html_e( 'Default feed URL', 'ess-widgets' ); ?></label></th>
					<td><input type="url" class="regular-text code" id="ess-feed" name="<?php echo esc_attr( $field( 'feed' ) ); ?>" value="<?php echo esc_attr( $s['feed'] ); ?>" placeholder="https://example.org/feed.json">
					<p class="description"><?php esc_html_e( 'Used by every block, shortcode and pasted element that names no feed of its own.', 'ess-widgets' ); ?></p></td>
				</tr>
				<tr>
					<th scope="row"><label for="ess-lang"><?php esc_html_e( 'Default language', 'ess-widgets' ); ?></label></th>
					<td><select id="ess-lang" name="<?php echo esc_attr( $field( 'lang' ) ); ?>">
					<?php foreach ( $langs as $value => $label ) : ?>
						<option value="<?php echo esc_attr( $value ); ?>" <?php selected( $s['lang'], $value ); ?>><?php echo esc_html( $label ); ?></option>
					<?php endforeach; ?>
					</select></td>
				</tr>
				<tr>
					<th scope="row"><label for="ess-tile"><?php esc_html_e( 'Map tile URL', 'ess-widgets' ); ?></label></th>
					<td><input type="text" class="large-text code" id="ess-tile" name="<?php echo esc_attr( $field( 'tile_url' ) ); ?>" value="<?php echo esc_attr( $s['tile_url'] ); ?>" placeholder="https://tile.openstreetmap.org/{z}/{x}/{y}.png">
					<p class="description"><?php esc_html_e( 'A template with {z}, {x} and {y}. Empty: OpenStreetMap’s tiles.', 'ess-widgets' ); ?></p></td>
				</tr>
				<tr>
					<th scope="row"><label for="ess-attr"><?php esc_html_e( 'Map attribution', 'ess-widgets' ); ?></label></th>
					<td><input type="text" class="large-text" id="ess-attr" name="<?php echo esc_attr( $field( 'tile_attribution' ) ); ?>" value="<?php echo esc_attr( $s['tile_attribution'] ); ?>">
					<p class="description"><?php esc_html_e( 'Shown on the map, as your tile provider requires (links allowed).', 'ess-widgets' ); ?></p></td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Scripts load from', 'ess-widgets' ); ?></th>
					<td><fieldset>
						<label><input type="radio" name="<?php echo esc_attr( $field( 'script_source' ) ); ?>" value="plugin" <?php checked( $s['script_source'], 'plugin' ); ?>> <?php esc_html_e( 'This site (the copy shipped with the plugin)', 'ess-widgets' ); ?></label><br>
						<label><input type="radio" name="<?php echo esc_attr( $field( 'script_source' ) ); ?>" value="url" <?php checked( $s['script_source'], 'url' ); ?>> <?php esc_html_e( 'This URL:', 'ess-widgets' ); ?></label>
						<input type="url" class="regular-text code" name="<?php echo esc_attr( $field( 'script_url' ) ); ?>" value="<?php echo esc_attr( $s['script_url'] ); ?>" placeholder="https://cdn.example.org/ess-widgets/ess-widgets.js" aria-label="<?php esc_attr_e( 'Script URL', 'ess-widgets' ); ?>">
					</fieldset></td>
				</tr>
				<tr>
					<th scope="row"><?php esc_html_e( 'Feed proxy', 'ess-widgets' ); ?></th>
					<td><label><input type="checkbox" name="<?php echo esc_attr( $field( 'proxy' ) ); ?>" value="1" <?php checked( (int) $s['proxy'], 1 ); ?>> <?php esc_html_e( 'Fetch the feeds through this site (for a feed host that sends no CORS header)', 'ess-widgets' ); ?></label>
					<p class="description"><?php esc_html_e( 'Only the default feed and the URLs below are fetched, never any other.', 'ess-widgets' ); ?></p>
					<p><label for="ess-proxy-feeds"><?php esc_html_e( 'Other feeds to fetch (one URL per line)', 'ess-widgets' ); ?></label><br>
					<textarea class="large-text code" rows="3" id="ess-proxy-feeds" name="<?php echo esc_attr( $field( 'proxy_feeds' ) ); ?>"><?php echo esc_textarea( $s['proxy_feeds'] ); ?></textarea></p>
					<p><label><?php esc_html_e( 'Keep a copy for (minutes)', 'ess-widgets' ); ?> <input type="number" min="1" max="1440" class="small-text" name="<?php echo esc_attr( $field( 'proxy_ttl' ) ); ?>" value="<?php echo esc_attr( (string) $s['proxy_ttl'] ); ?>"></label>
					<label><?php esc_html_e( 'Largest file (MB)', 'ess-widgets' ); ?> <input type="number" min="1" max="64" class="small-text" name="<?php echo esc_attr( $field( 'proxy_max_mb' ) ); ?>" value="<?php echo esc_attr( (string) $s['proxy_max_mb'] ); ?>"></label></p></td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}
