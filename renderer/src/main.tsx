import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { pickTransport } from './api/transport';
import { readDesktopApi } from './screens/connection/desktop';

const container = document.getElementById('root');
if (!container) throw new Error('Élément #root introuvable dans index.html');

createRoot(container).render(
  <StrictMode>
    <App transport={pickTransport(window)} desktop={readDesktopApi(window)} />
  </StrictMode>,
);
