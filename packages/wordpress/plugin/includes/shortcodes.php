<?php
/**
 * [ess_shop_finder], [ess_nearby_points], [ess_campaign_banner], [ess_sector_counter]: the same
 * attributes as the elements (tile-url or tile_url), every value escaped; an unknown attribute is
 * ignored and named in an HTML comment.
 *
 * @package ESS_Widgets
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'init',
	function () {
		foreach ( ess_widgets_elements() as $tag => $element ) {
			add_shortcode(
				$element['shortcode'],
				function ( $atts, $content = null ) use ( $tag ) {
					return ess_widgets_shortcode( $tag, is_array( $atts ) ? $atts : array(), $content );
				}
			);
		}
	}
);

/**
 * Renders a shortcode.
 *
 * @param string      $tag     Tag name.
 * @param array       $atts    Shortcode attributes as parsed by WordPress.
 * @param string|null $content Enclosed content: the fallback text.
 * @return string
 */
function ess_widgets_shortcode( $tag, array $atts, $content ) {
	$known   = ess_widgets_attributes( $tag );
	$values  = array();
	$unknown = array();
	foreach ( $atts as $key => $value ) {
		if ( is_int( $key ) ) {
			// A bare word: a boolean attribute ([ess_nearby_points map]) or a stray word.
			$name = strtolower( str_replace( '_', '-', (string) $value ) );
			if ( isset( $known[ $name ] ) && 'boolean' === $known[ $name ]['type'] ) {
				$values[ $name ] = true;
			} else {
				$unknown[] = (string) $value;
			}
			continue;
		}
		$name = strtolower( str_replace( '_', '-', (string) $key ) );
		if ( isset( $known[ $name ] ) ) {
			$values[ $name ] = $value;
		} else {
			$unknown[] = (string) $key;
		}
	}
	$fallback = null === $content ? '' : wp_kses_post( $content );
	$slug     = ess_widgets_elements()[ $tag ]['slug'];
	$inline   = 'ess-sector-counter' === $tag && isset( $values['layout'] ) && 'inline' === $values['layout'];
	$wrap     = $inline ? 'span' : 'div';
	$html     = '<' . $wrap . ' class="ess-widgets ess-widgets--' . esc_attr( $slug ) . '">' . ess_widgets_element_html( $tag, $values, $fallback ) . '</' . $wrap . '>';
	if ( $unknown ) {
		$names = array_map(
			function ( $n ) {
				return str_replace( '--', '-', preg_replace( '/[^A-Za-z0-9_\-]/', '', $n ) );
			},
			$unknown
		);
		$html  = '<!-- ' . esc_html( sprintf( /* translators: 1: shortcode name, 2: attribute names */ __( '%1$s: unknown attribute(s) ignored: %2$s', 'ess-widgets' ), ess_widgets_elements()[ $tag ]['shortcode'], implode( ', ', $names ) ) ) . ' -->' . $html;
	}
	return $html;
}
