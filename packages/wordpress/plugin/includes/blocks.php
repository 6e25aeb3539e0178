<?php
/**
 * One dynamic block per element (blocks/<element>/block.json, generated), rendered on the server.
 *
 * @package ESS_Widgets
 */

defined( 'ABSPATH' ) || exit;

add_action( 'init', 'ess_widgets_register_blocks' );

/** Registers the editor script and style, then the four blocks. */
function ess_widgets_register_blocks() {
	wp_register_script(
		'ess-widgets-editor',
		ESS_WIDGETS_URL . 'assets/editor.js',
		array( 'wp-blocks', 'wp-element', 'wp-block-editor', 'wp-components', 'wp-server-side-render', 'wp-i18n' ),
		ESS_WIDGETS_VERSION,
		true
	);
	wp_register_style( 'ess-widgets-editor', ESS_WIDGETS_URL . 'assets/editor.css', array(), ESS_WIDGETS_VERSION );
	foreach ( ess_widgets_elements() as $tag => $element ) {
		register_block_type(
			ESS_WIDGETS_DIR . 'blocks/' . $element['slug'],
			array(
				'render_callback' => function ( $attributes ) use ( $tag ) {
					return ess_widgets_render_block( $tag, is_array( $attributes ) ? $attributes : array() );
				},
			)
		);
	}
}

/**
 * A block's HTML: its wrapper (alignment, the theme's block classes) around the element.
 *
 * @param string $tag        Tag name.
 * @param array  $attributes Block attributes (camelCase keys).
 * @return string
 */
function ess_widgets_render_block( $tag, array $attributes ) {
	$values = array();
	foreach ( ess_widgets_attributes( $tag ) as $name => $attr ) {
		if ( array_key_exists( $attr['key'], $attributes ) ) {
			$values[ $name ] = $attributes[ $attr['key'] ];
		}
	}
	$slug    = ess_widgets_elements()[ $tag ]['slug'];
	$wrapper = get_block_wrapper_attributes( array( 'class' => 'ess-widgets ess-widgets--' . $slug ) );
	return '<div ' . $wrapper . '>' . ess_widgets_element_html( $tag, $values ) . '</div>';
}

/** The editor: the data the sidebar needs, and the module so the preview shows the live element. */
add_action(
	'enqueue_block_editor_assets',
	function () {
		$settings = ess_widgets_settings();
		$data     = array(
			'elements'    => ess_widgets_elements(),
			'defaultFeed' => '' !== $settings['feed'] ? ess_widgets_feed_url( $settings['feed'] ) : '',
			'defaultLang' => ess_widgets_default_lang(),
			'strings'     => array(
				'options'      => __( 'Options', 'ess-widgets' ),
				'advanced'     => __( 'Advanced', 'ess-widgets' ),
				'feed'         => __( 'Feed URL', 'ess-widgets' ),
				'feedHelp'     => __( 'Leave empty to use the default feed from Settings → ESS Widgets.', 'ess-widgets' ),
				'lang'         => __( 'Language', 'ess-widgets' ),
				'langDefault'  => __( 'Page language', 'ess-widgets' ),
				'default'      => __( 'Default', 'ess-widgets' ),
				'fromFeed'     => __( 'From the feed', 'ess-widgets' ),
				'feedUnread'   => __( 'The feed could not be read here: type the ids, comma-separated.', 'ess-widgets' ),
				'noFeed'       => __( 'No feed yet: set one here or in Settings → ESS Widgets.', 'ess-widgets' ),
				'categories'   => __( 'Categories', 'ess-widgets' ),
				'materials'    => __( 'Materials', 'ess-widgets' ),
				'stats'        => __( 'Figures', 'ess-widgets' ),
				'campaign'     => __( 'Campaign', 'ess-widgets' ),
				'layout'       => __( 'Layout', 'ess-widgets' ),
				'variant'      => __( 'Style', 'ess-widgets' ),
				'limit'        => __( 'Number of locations', 'ess-widgets' ),
				'region'       => __( 'Region', 'ess-widgets' ),
				'map'          => __( 'Show a map', 'ess-widgets' ),
				'compact'      => __( 'Compact numbers', 'ess-widgets' ),
				'wideHint'     => __( 'Choose “Wide width” or “Full width” in the toolbar to show the map beside the list.', 'ess-widgets' ),
			),
		);
		wp_add_inline_script( 'ess-widgets-editor', 'window.essWidgetsEditor = ' . wp_json_encode( $data ) . ';', 'before' );
		wp_enqueue_script( 'ess-widgets-preview', ess_widgets_script_src(), array(), ESS_WIDGETS_VERSION, true );
	}
);
