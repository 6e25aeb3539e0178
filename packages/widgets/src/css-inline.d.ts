// Vite's `?inline` CSS imports (and the test runner's plugin for them) give the stylesheet as text.
declare module '*.css?inline' {
  const css: string;
  export default css;
}

// Leaflet's package points `main` at its UMD build; the ES module build is imported by path.
declare module 'leaflet/dist/leaflet-src.esm.js' {
  export * from 'leaflet';
}
