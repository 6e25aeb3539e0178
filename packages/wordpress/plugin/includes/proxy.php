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
 * A URL's body through the cache. Fresh copy: served. Expired copy: served at once, and refreshed
 * after the response is sent (so no visitor waits for a slow origin). No copy: fetched now.
 * When the origin fails, the last good copy stays.
 *
 * @param string $url Absolute URL (already checked against the settings).
 * @return array{body: string, state: string}|WP_Error state: fresh, revalidating or stale.
 */
function ess_widgets_proxy_fetch( $url ) {
	$cached = ess_widgets_unpack( get_transient( 'ess_widgets_px_' . md5( $url ) ) );
	if ( null !== $cached ) {
		return array(
			'body'  => $cached,
			'state' => 'fresh',
		);
	}
	$last = ess_widgets_unpack( get_option( 'ess_widgets_last_' . md5( $url ), '' ) );
	if ( null !== $last ) {
		ess_widgets_refresh_later( $url );
		return array(
			'body'  => $last,
			'state' => get_transient( 'ess_widgets_fail_' . md5( $url ) ) ? 'stale' : 'revalidating',
		);
	}
	$got = ess_widgets_proxy_download( $url );
	return is_wp_error( $got ) ? $got : array(
		'body'  => $got,
		'state' => 'fresh',
	);
}

/**
 * Downloads a URL now (timeout, size cap, JSON check) and keeps it: a copy for the configured
 * time, and the last good copy without end.
 *
 * @param string $url     Absolute URL.
 * @param int    $timeout Seconds (a visitor waits for 10 at most; a refresh after the response, or
 *                        saving the settings, may take longer).
 * @return string|WP_Error The body.
 */
function ess_widgets_proxy_download( $url, $timeout = 10 ) {
	$settings = ess_widgets_settings();
	$cap      = max( 1, (int) $settings['proxy_max_mb'] ) * 1024 * 1024;
	$response = wp_remote_get(
		$url,
		array(
			'timeout'             => $timeout,
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
	if ( null !== $error ) {
		set_transient( 'ess_widgets_fail_' . md5( $url ), $error, max( 1, (int) $settings['proxy_ttl'] ) * MINUTE_IN_SECONDS );
		/* translators: %s: why the fetch failed */
		return new WP_Error( 'ess_widgets_feed_unavailable', sprintf( __( 'The feed could not be fetched: %s.', 'ess-widgets' ), $error ), array( 'status' => 502 ) );
	}
	$body   = wp_remote_retrieve_body( $response );
	$packed = ess_widgets_pack( $body );
	set_transient( 'ess_widgets_px_' . md5( $url ), $packed, max( 1, (int) $settings['proxy_ttl'] ) * MINUTE_IN_SECONDS );
	update_option( 'ess_widgets_last_' . md5( $url ), $packed, false );
	delete_transient( 'ess_widgets_fail_' . md5( $url ) );
	return $body;
}

/**
 * Refreshes a URL once this response has been sent (one refresh at a time per URL).
 *
 * @param string $url Absolute URL.
 */
function ess_widgets_refresh_later( $url ) {
	static $queue = null;
	if ( get_transient( 'ess_widgets_lock_' . md5( $url ) ) ) {
		return;
	}
	set_transient( 'ess_widgets_lock_' . md5( $url ), 1, 60 );
	if ( null === $queue ) {
		$queue = array();
		register_shutdown_function(
			function () use ( &$queue ) {
				if ( function_exists( 'fastcgi_finish_request' ) ) {
					fastcgi_finish_request();
				}
				foreach ( array_unique( $queue ) as $u ) {
					ess_widgets_proxy_download( $u, 30 );
					delete_transient( 'ess_widgets_lock_' . md5( $u ) );
				}
			}
		);
	}
	$queue[] = $url;
}

/** Saving the settings warms the cache: the first visitor does not wait for the feed's host. */
function ess_widgets_proxy_warm() {
	foreach ( ess_widgets_proxy_urls() as $url ) {
		$body = ess_widgets_proxy_download( $url, 30 );
		if ( is_wp_error( $body ) ) {
			continue;
		}
		foreach ( ess_widgets_feed_hrefs( json_decode( $body, true ) ) as $href ) {
			ess_widgets_proxy_download( ess_widgets_resolve_url( $href, $url ), 30 );
		}
	}
}
add_action( 'add_option_ess_widgets', 'ess_widgets_proxy_warm' );
add_action( 'update_option_ess_widgets', 'ess_widgets_proxy_warm' );

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
	$response->header( 'X-ESS-Widgets-Cache', $got['state'] );
	if ( ! ini_get( 'zlib.output_compression' ) ) {
		// The visitor's request completes with the body, even while an expired copy is refreshed.
		$response->header( 'Content-Length', (string) strlen( $body ) );
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
			flush();
			return true;
		}
		return $served;
	},
	10,
	2
);
