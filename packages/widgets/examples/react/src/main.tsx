import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
// Registers the four elements before React renders them, so React 19 sees their properties.
import '@ess-widgets/widgets';
// JSX types of the elements (properties, events): type-only, runs nothing.
import type {} from '@ess-widgets/widgets/react';
import { App } from './App';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
