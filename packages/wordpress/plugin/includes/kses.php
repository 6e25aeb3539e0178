<?php
/**
 * Pasted elements survive WordPress's HTML filter for roles without unfiltered_html: the four tags
 * and their documented attributes are allowed in post content. `<script>` stays forbidden — the
 * plugin loads the scripts itself.
 *
 * @package ESS_Widgets
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'wp_kses_allowed_html',
	function ( $tags, $context ) {
		if ( 'post' !== $context || ! is_array( $tags ) ) {
			return $tags;
		}
		foreach ( ess_widgets_elements() as $tag => $element ) {
			$allowed = array(
				'class' => true,
				'id'    => true,
			);
			foreach ( $element['attributes'] as $attr ) {
				$allowed[ $attr['name'] ] = true;
			}
			$tags[ $tag ] = $allowed;
		}
		return $tags;
	},
	10,
	2
);
