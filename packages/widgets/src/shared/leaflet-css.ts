/**
 * Leaflet's stylesheet as text, to adopt in shadow roots. In the repository
 * Vite (the CDN bundle) and the test runner's css-inline plugin read it with
 * `?inline`; in the published package `dist/shared/leaflet-css.js` is the text
 * itself, written by scripts/build.mjs (its images inlined as data: URLs), so
 * any bundler reads it as plain JavaScript, with no CSS loader to configure.
 */
import css from 'leaflet/dist/leaflet.css?inline';

export default css;
