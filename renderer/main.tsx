// Entry point: one store on the bridge (Electron preload or the browser shell's WebSocket), then React.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { bridge } from './bridge';
import { App } from './App';
import { AppStore } from './state/app-store';
import { StoreProvider } from './state/store-hooks';
import './styles/base.css';
import './styles/layout.css';
import './styles/sidebar.css';
import './styles/conversation.css';
import './styles/composer.css';
import './styles/settings.css';
import './ui/kit.css';

const store = new AppStore(bridge);
store.start();

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <StoreProvider store={store}>
      <App />
    </StoreProvider>
  </StrictMode>,
);
