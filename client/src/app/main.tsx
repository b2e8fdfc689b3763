import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../pwa/serviceWorker';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { App } from './App';
import './theme.css';
import './controls.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App />
    <UpdatePrompt />
  </StrictMode>,
);
registerServiceWorker();
