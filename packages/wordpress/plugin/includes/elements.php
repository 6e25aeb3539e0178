<?php
/**
 * The four elements and their attributes (elements.json, generated from custom-elements.json by
 * `npm run build`), the settings, and the one function that writes an element's HTML.
 *
 * @package ESS_Widgets
 */

defined( 'ABSPATH' ) || exit;

/**
 * The elements, keyed by tag name.
 *
 * @return array<string, array>
 */
function ess_widgets_elements() {
	static $elements = null;
	if ( null === $elements ) {
		$json     = json_decode( (string) file_get_contents( ESS_WIDGETS_DIR . 'elements.json' ), true );
		$elements = is_array( $json ) && isset( $json['elements'] ) ? $json['elements'] : array();
	}
	return $elements;
}

/**
 * One element's attributes keyed by attribute name.
 *
 * @param string $tag Tag name, e.g. ess-shop-finder.
 * @return array<string, array>
 */
function ess_widgets_attributes( $tag ) {
	$elements = ess_widgets_elements();
	$out      = array();
	if ( isset( $elements[ $tag ] ) ) {
		foreach ( $elements[ $tag ]['attributes'] as $attr ) {
			$out[ $attr['name'] ] = $attr;
		}
	}
	return $out;
}

/**
 * The settings with their defaults.
 *
 * @return array
 */
function ess_widgets_settings() {
	$defaults = array(
		'feed'             => '',
		'lang'             => '',
		'tile_url'         => '',
		'tile_attribution' => '',
		'script_source'    => 'plugin',
		'script_url'       => '',
		'proxy'            => 0,
		'proxy_feeds'      => '',
		'proxy_ttl'        => 10,
		'proxy_max_mb'     => 8,
	);
	$saved    = get_option( 'ess_widgets', array() );
	return array_merge( $defaults, is_array( $saved ) ? $saved : array() );
}

/**
 * The language the elements get when nothing else is set: the setting, else the site's locale
 * when it is one of the elements' languages, else none (the element reads the page's lang).
 *
 * @return string fr, nl, de, en or ''.
 */
function ess_widgets_default_lang() {
	$settings = ess_widgets_settings();
	if ( in_array( $settings['lang'], array( 'fr', 'nl', 'de', 'en' ), true ) ) {
		return $settings['lang'];
	}
	$lang = strtolower( substr( (string) get_locale(), 0, 2 ) );
	return in_array( $lang, array( 'fr', 'nl', 'de', 'en' ), true ) ? $lang : '';
}

/**
 * Writes one element. Values are validated against the generated attribute list and escaped;
 * the settings fill in the feed, the tiles and the language when the author left them empty.
 *
 * @param string $tag      Tag name.
 * @param array  $values   Attribute name => value (unknown names are the caller's business).
 * @param string $fallback HTML shown until the element upgrades (already safe).
 * @return string
 */
function ess_widgets_element_html( $tag, array $values, $fallback = '' ) {
	$known = ess_widgets_attributes( $tag );
	if ( ! $known ) {
		return '';
	}
	$settings = ess_widgets_settings();
	if ( ( ! isset( $values['feed'] ) || '' === $values['feed'] ) && '' !== $settings['feed'] ) {
		$values['feed'] = $settings['feed'];
	}
	if ( isset( $values['feed'] ) ) {
		$values['feed'] = ess_widgets_feed_url( (string) $values['feed'] );
	}
	if ( isset( $known['tile-url'] ) && ( ! isset( $values['tile-url'] ) || '' === $values['tile-url'] ) && '' !== $settings['tile_url'] ) {
		$values['tile-url'] = $settings['tile_url'];
	}
	if ( isset( $known['tile-attribution'] ) && ( ! isset( $values['tile-attribution'] ) || '' === $values['tile-attribution'] ) && '' !== $settings['tile_attribution'] ) {
		$values['tile-attribution'] = $settings['tile_attribution'];
	}
	if ( ! isset( $values['lang'] ) || '' === $values['lang'] ) {
		$values['lang'] = ess_widgets_default_lang();
	}

	$html = '<' . $tag;
	foreach ( $known as $name => $attr ) {
		if ( ! array_key_exists( $name, $values ) ) {
			continue;
		}
		$value = $values[ $name ];
		if ( 'boolean' === $attr['type'] ) {
			if ( true === $value || in_array( strtolower( (string) $value ), array( '1', 'true', 'yes', 'on', $name ), true ) ) {
				$html .= ' ' . $name;
			}
			continue;
		}
		if ( is_array( $value ) ) {
			$value = implode( ',', array_map( 'strval', $value ) );
		}
		$value = trim( (string) $value );
		if ( '' === $value ) {
			continue;
		}
		if ( 'number' === $attr['type'] && ! is_numeric( $value ) ) {
			continue;
		}
		$html .= ' ' . $name . '="' . ( 'feed' === $name ? esc_url( $value ) : esc_attr( $value ) ) . '"';
	}
	$html .= '>' . $fallback . '</' . $tag . '>';
	ess_widgets_need_script();
	return $html;
}
