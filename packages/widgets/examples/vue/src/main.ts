import { createApp } from 'vue';
// Registers the four elements.
import '@ess-widgets/widgets';
// Template types of the elements (properties, events) for vue-tsc: type-only, runs nothing.
import type {} from '@ess-widgets/widgets/vue';
import App from './App.vue';

createApp(App).mount('#app');
