interface ImportMetaEnv {
  readonly VITE_ESS_FEED?: string;
  readonly VITE_ESS_TILE_URL?: string;
  readonly VITE_ESS_NOW?: string;
}
declare module '*.vue' {
  import type { DefineComponent } from 'vue';
  const component: DefineComponent;
  export default component;
}
