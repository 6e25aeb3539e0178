<?php
/**
 * Feeds on hosts without CORS: an opt-in, same-origin REST route that fetches the feeds configured
 * in the settings (and the files those feeds link with {"href": …}), with a timeout, a size cap and a
 * cache; when the origin fails, the last good copy is served. Any other URL gets a 404: this is not
 * an open proxy.
 *
 * GET /wp-json/ess-widgets/v1/feeds/<n>             the n-th configured feed (its hrefs rewritten)
 * GET /wp-json/ess-widgets/v1/feeds/<n>?file=<href> a file that feed links to
 *
 * @package ESS_Widgets
 */

defined( 'ABSPATH' ) || exit;

/** A REST response whose body is sent as it is. */
class ESS_Widgets_Raw_Response extends WP_REST_Response {
	/** The JSON to send. @var string */
	public $ess_widgets_body = '';
}

/**
 * The configured feed URLs the proxy serves (none when it is off).
 *
 * @return string[]
 */
function ess_widgets_proxy_urls() {
	$settings = ess_widgets_settings();
	if ( empty( $settings['proxy'] ) ) {
		return array();
	}
	$urls = array_merge( array( $settings['feed'] ), preg_split( '/\s+/', (string) $settings['proxy_feeds'] ) );
	$out  = array();
	foreach ( $urls as $url ) {
		$url = trim( (string) $url );
		if ( '' !== $url && preg_match( '#^https?://#i', $url ) && ! in_array( $url, $out, true ) ) {
			$out[] = $url;
		}
	}
	return $out;
}

/**
 * The URL an element should read a feed from: the proxy's when the proxy serves it.
 *
 * @param string $url Feed URL as the author or the settings give it.
 * @return string
 */
function ess_widgets_feed_url( $url ) {
	$index = array_search( trim( $url ), ess_widgets_proxy_urls(), true );
	return false === $index ? $url : rest_url( 'ess-widgets/v1/feeds/' . $index );
}

add_action(
	'rest_api_init',
	function () {
		register_rest_route(
			'ess-widgets/v1',
			'/feeds/(?P<id>\d+)',
			array(
				'methods'             => 'GET',
				'permission_callback' => '__return_true',
				'callback'            => 'ess_widgets_proxy_serve',
				'args'                => array(
					'file' => array(
						'type'     => 'string',
						'required' => false,
					),
				),
			)
		);
	}
);

/**
 * Fetches a URL, through the cache; the last good copy when the origin fails.
 *
 * @param string $url Absolute URL (already checked against the settings).
 * @return array{body: string, stale: bool}|WP_Error
 */
function ess_widgets_proxy_fetch( $url ) {
	$settings = ess_widgets_settings();
	$key      = 'ess_widgets_px_' . md5( $url );
	$cached   = ess_widgets_unpack( get_transient( $key ) );
	if ( null !== $cached ) {
		return array(
			'body'  => $cached,
			'stale' => false,
		);
	}
	$cap      = max( 1, (int) $settings['proxy_max_mb'] ) * 1024 * 1024;
	$response = wp_remote_get(
		$url,
		array(
			'timeout'             => 10,
			'redirection'         => 3,
			'limit_response_size' => $cap + 1,
			'reject_unsafe_urls'  => false,
			'headers'             => array( 'Accept' => 'application/json, application/geo+json' ),
		)
	);
	$error = null;
	if ( is_wp_error( $response ) ) {
		$error = $response->get_error_message();
	} elseif ( 200 !== (int) wp_remote_retrieve_response_code( $response ) ) {
		/* translators: %d: HTTP status code */
		$error = sprintf( __( 'the feed’s host answered HTTP %d', 'ess-widgets' ), (int) wp_remote_retrieve_response_code( $response ) );
	} elseif ( strlen( wp_remote_retrieve_body( $response ) ) > $cap ) {
		/* translators: %d: size limit in megabytes */
		$error = sprintf( __( 'the feed is larger than %d MB', 'ess-widgets' ), (int) $settings['proxy_max_mb'] );
	} elseif ( null === json_decode( wp_remote_retrieve_body( $response ) ) ) {
		$error = __( 'the feed is not valid JSON', 'ess-widgets' );
	}
	if ( null === $error ) {
		$body = wp_remote_retrieve_body( $response );
		$packed = ess_widgets_pack( $body );
		set_transient( $key, $packed, max( 1, (int) $settings['proxy_ttl'] ) * MINUTE_IN_SECONDS );
		update_option( 'ess_widgets_last_' . md5( $url ), $packed, false );
		return array(
			'body'  => $body,
			'stale' => false,
		);
	}
	$last = ess_widgets_unpack( get_option( 'ess_widgets_last_' . md5( $url ), '' ) );
	if ( null !== $last ) {
		return array(
			'body'  => $last,
			'stale' => true,
		);
	}
	/* translators: %s: why the fetch failed */
	return new WP_Error( 'ess_widgets_feed_unavailable', sprintf( __( 'The feed could not be fetched: %s.', 'ess-widgets' ), $error ), array( 'status' => 502 ) );
}

/**
 * A feed as stored in the database: compressed, and in ASCII (WordPress refuses to store a
 * multi-megabyte text with non-ASCII characters: its check for invalid UTF-8 gives up on it).
 *
 * @param string $body Feed text.
 * @return string
 */
function ess_widgets_pack( $body ) {
	return 'gz:' . base64_encode( (string) gzdeflate( $body, 6 ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode
}

/**
 * The feed text back from ess_widgets_pack(), or null.
 *
 * @param mixed $stored Stored value.
 * @return string|null
 */
function ess_widgets_unpack( $stored ) {
	if ( ! is_string( $stored ) || 0 !== strpos( $stored, 'gz:' ) ) {
		return null;
	}
	$body = gzinflate( (string) base64_decode( substr( $stored, 3 ), true ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_decode
	return false === $body || '' === $body ? null : $body;
}

/**
 * The files a feed links to: its top-level {"href": …} collections.
 *
 * @param array $feed Decoded feed.
 * @return string[]
 */
function ess_widgets_feed_hrefs( $feed ) {
	$out = array();
	foreach ( is_array( $feed ) ? $feed : array() as $value ) {
		if ( is_array( $value ) && isset( $value['href'] ) && is_string( $value['href'] ) ) {
			$out[] = $value['href'];
		}
	}
	return $out;
}

/**
 * Resolves an href against the feed's URL (absolute, root-relative or relative).
 *
 * @param string $href Href from the feed.
 * @param string $base Feed URL.
 * @return string
 */
function ess_widgets_resolve_url( $href, $base ) {
	if ( preg_match( '#^https?://#i', $href ) ) {
		return $href;
	}
	$parts  = wp_parse_url( $base );
	$origin = $parts['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
	if ( 0 === strpos( $href, '/' ) ) {
		return $origin . $href;
	}
	$dir = isset( $parts['path'] ) ? preg_replace( '#/[^/]*$#', '/', $parts['path'] ) : '/';
	return $origin . $dir . $href;
}

/**
 * The route's callback.
 *
 * @param WP_REST_Request $request Request.
 * @return WP_REST_Response|WP_Error
 */
function ess_widgets_proxy_serve( WP_REST_Request $request ) {
	$urls = ess_widgets_proxy_urls();
	$id   = (int) $request['id'];
	if ( ! isset( $urls[ $id ] ) ) {
		return new WP_Error( 'ess_widgets_not_configured', __( 'No such feed in Settings → ESS Widgets.', 'ess-widgets' ), array( 'status' => 404 ) );
	}
	$feed_url = $urls[ $id ];
	$got      = ess_widgets_proxy_fetch( $feed_url );
	if ( is_wp_error( $got ) ) {
		return $got;
	}
	$feed = json_decode( $got['body'], true );
	$file = $request->get_param( 'file' );
	if ( null !== $file && '' !== $file ) {
		if ( ! in_array( $file, ess_widgets_feed_hrefs( $feed ), true ) ) {
			return new WP_Error( 'ess_widgets_not_linked', __( 'This feed does not link to that file.', 'ess-widgets' ), array( 'status' => 404 ) );
		}
		$got = ess_widgets_proxy_fetch( ess_widgets_resolve_url( $file, $feed_url ) );
		if ( is_wp_error( $got ) ) {
			return $got;
		}
		$body = $got['body'];
	} else {
		// The feed's links point at this route, so they resolve whatever the permalinks.
		foreach ( is_array( $feed ) ? $feed : array() as $k => $value ) {
			if ( is_array( $value ) && isset( $value['href'] ) && is_string( $value['href'] ) ) {
				$feed[ $k ]['href'] = add_query_arg( 'file', rawurlencode( $value['href'] ), rest_url( 'ess-widgets/v1/feeds/' . $id ) );
			}
		}
		$body = wp_json_encode( $feed, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
	}
	$response = new ESS_Widgets_Raw_Response( null, 200 );
	$response->header( 'Content-Type', 'application/json; charset=utf-8' );
	$response->header( 'Cache-Control', 'public, max-age=300' );
	if ( $got['stale'] ) {
		$response->header( 'X-ESS-Widgets-Stale', '1' );
	}
	$response->ess_widgets_body = $body;
	return $response;
}

/** Sends the feed's bytes as they are (not re-encoded by the REST server). */
add_filter(
	'rest_pre_serve_request',
	function ( $served, $result ) {
		if ( $result instanceof ESS_Widgets_Raw_Response ) {
			echo $result->ess_widgets_body; // phpcs:ignore WordPress.Security.EscapeOutput -- JSON served as JSON.
			return true;
		}
		return $served;
	},
	10,
	2
);
