<?php
/**
 * Scripts only where needed: the module is enqueued the first time a block, a shortcode or an
 * `<ess-` element is seen on the page, once, as type="module" (the script-modules API on
 * WordPress 6.5+, a script tag with type="module" in the footer on 6.1–6.4).
 *
 * @package ESS_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The script's URL: the bundle shipped in the plugin (bundle.json names its entry), or the URL
 * the site owner set.
 *
 * @return string
 */
function ess_widgets_script_src() {
	$settings = ess_widgets_settings();
	if ( 'url' === $settings['script_source'] && '' !== $settings['script_url'] ) {
		return $settings['script_url'];
	}
	$bundle = json_decode( (string) @file_get_contents( ESS_WIDGETS_DIR . 'bundle.json' ), true ); // phpcs:ignore WordPress.PHP.NoSilencedErrors
	$entry  = is_array( $bundle ) && isset( $bundle['entry'] ) ? $bundle['entry'] : 'bundle/ess-widgets.js';
	return ESS_WIDGETS_URL . ltrim( $entry, '/' );
}

/** Whether this WordPress has the script-modules API (6.5+). */
function ess_widgets_has_script_modules() {
	return function_exists( 'wp_register_script_module' ) && function_exists( 'wp_enqueue_script_module' );
}

/**
 * Marks the page as needing the module and enqueues it (once; later calls do nothing).
 */
function ess_widgets_need_script() {
	static $done = false;
	if ( $done || is_admin() ) {
		return;
	}
	$done = true;
	if ( ess_widgets_has_script_modules() ) {
		wp_register_script_module( 'ess-widgets', ess_widgets_script_src(), array(), ESS_WIDGETS_VERSION );
		wp_enqueue_script_module( 'ess-widgets' );
	} else {
		wp_register_script( 'ess-widgets', ess_widgets_script_src(), array(), ESS_WIDGETS_VERSION, true );
		wp_enqueue_script( 'ess-widgets' );
	}
	wp_register_style( 'ess-widgets', false, array(), ESS_WIDGETS_VERSION );
	wp_enqueue_style( 'ess-widgets' );
	wp_add_inline_style( 'ess-widgets', ess_widgets_css() );
	// A classic theme has printed its head already: the style goes to the footer then.
	if ( did_action( 'wp_head' ) ) {
		add_action( 'wp_footer', 'ess_widgets_print_late_style', 1 );
	}
}

/** Prints the style when it was enqueued after the head. */
function ess_widgets_print_late_style() {
	wp_print_styles( array( 'ess-widgets' ) );
}

/**
 * The one rule the page needs: an element that has not upgraded yet (or never will, when scripts
 * are blocked) is an unknown inline tag, and its fallback text would escape the theme's content
 * column; as a block it stays inside. Once defined, the element's own styles apply.
 *
 * @return string
 */
function ess_widgets_css() {
	$tags = ':is(ess-shop-finder,ess-nearby-points,ess-campaign-banner,ess-sector-counter:not([layout=inline])):not(:defined)';
	return ":where(.entry-content,.wp-block-post-content,.post-content,.ess-widgets)>{$tags}{display:block}";
}

/** On 6.1–6.4 (and in the editor) the module is printed with type="module" (and only that type). */
add_filter(
	'script_loader_tag',
	function ( $tag, $handle ) {
		if ( 'ess-widgets' !== $handle && 'ess-widgets-preview' !== $handle ) {
			return $tag;
		}
		$tag = preg_replace( '/\stype=([\'"])[^\'"]*\1/', '', $tag );
		return preg_replace( '/<script\b/', '<script type="module"', $tag, 1 );
	},
	10,
	2
);

/**
 * Before the page is rendered (a classic theme prints its head before the content): enqueue when
 * the queried posts contain a block, a shortcode or an `<ess-` element.
 */
add_action(
	'wp',
	function () {
		if ( is_admin() ) {
			return;
		}
		global $wp_query;
		if ( empty( $wp_query->posts ) ) {
			return;
		}
		foreach ( $wp_query->posts as $post ) {
			if ( $post instanceof WP_Post && ess_widgets_content_needs_script( $post->post_content ) ) {
				ess_widgets_need_script();
				return;
			}
		}
	}
);

/**
 * Whether content holds one of the blocks, shortcodes or elements.
 *
 * @param string $content Post content.
 * @return bool
 */
function ess_widgets_content_needs_script( $content ) {
	if ( false !== stripos( $content, '<ess-' ) || false !== strpos( $content, '<!-- wp:ess-widgets/' ) ) {
		return true;
	}
	foreach ( ess_widgets_elements() as $element ) {
		if ( false !== strpos( $content, '[' . $element['shortcode'] ) ) {
			return true;
		}
	}
	return false;
}

/**
 * Pasted elements (a Custom HTML block, a widget): the page needs the script, and the settings'
 * defaults (feed, tiles, language) fill what the author left out.
 *
 * @param string $content Rendered content.
 * @return string
 */
function ess_widgets_filter_pasted( $content ) {
	if ( false === stripos( $content, '<ess-' ) ) {
		return $content;
	}
	ess_widgets_need_script();
	$settings = ess_widgets_settings();
	return preg_replace_callback(
		'/<(ess-shop-finder|ess-nearby-points|ess-campaign-banner|ess-sector-counter)(\s[^>]*)?>/i',
		function ( $m ) use ( $settings ) {
			$tag   = strtolower( $m[1] );
			$attrs = isset( $m[2] ) ? $m[2] : '';
			$known = ess_widgets_attributes( $tag );
			$add   = '';
			if ( preg_match( '/\sfeed=([\'"])(.*?)\1/i', $attrs, $f ) ) {
				$url = ess_widgets_feed_url( html_entity_decode( $f[2], ENT_QUOTES ) );
				if ( html_entity_decode( $f[2], ENT_QUOTES ) !== $url ) {
					$attrs = str_replace( $f[0], ' feed="' . esc_url( $url ) . '"', $attrs );
				}
			} elseif ( '' !== $settings['feed'] ) {
				$add .= ' feed="' . esc_url( ess_widgets_feed_url( $settings['feed'] ) ) . '"';
			}
			if ( isset( $known['tile-url'] ) && '' !== $settings['tile_url'] && ! preg_match( '/\stile-url=/i', $attrs ) ) {
				$add .= ' tile-url="' . esc_attr( $settings['tile_url'] ) . '"';
			}
			if ( isset( $known['tile-attribution'] ) && '' !== $settings['tile_attribution'] && ! preg_match( '/\stile-attribution=/i', $attrs ) ) {
				$add .= ' tile-attribution="' . esc_attr( $settings['tile_attribution'] ) . '"';
			}
			$lang = ess_widgets_settings()['lang'];
			if ( '' !== $lang && ! preg_match( '/\slang=/i', $attrs ) ) {
				$add .= ' lang="' . esc_attr( $lang ) . '"';
			}
			return '<' . $tag . $attrs . $add . '>';
		},
		$content
	);
}
add_filter( 'the_content', 'ess_widgets_filter_pasted', 20 );
add_filter( 'widget_text_content', 'ess_widgets_filter_pasted', 20 );
add_filter( 'widget_block_content', 'ess_widgets_filter_pasted', 20 );
