import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerServiceWorker } from '../pwa/serviceWorker';
import { UpdatePrompt } from '../pwa/UpdatePrompt';
import { askDatabaseNamesEarly } from '../sync/databaseNames';
import { App, boardViewAt } from './App';
import './theme.css';
import './controls.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// A link to a board opens on the board, not first on a loading line (see lazyPage); a slow network shows the
// line after a second.
const PRELOAD_WAIT_MS = 1000;
const boardView = boardViewAt(location.pathname);
if (boardView) askDatabaseNamesEarly();
const firstPage = boardView ? boardView.preload().catch(() => undefined) : Promise.resolve();
void Promise.race([firstPage, new Promise((resolve) => setTimeout(resolve, PRELOAD_WAIT_MS))]).then(() =>
  createRoot(root).render(
    <StrictMode>
      <App />
      <UpdatePrompt />
    </StrictMode>,
  ),
);
registerServiceWorker({ waitForPage: boardView !== null });
