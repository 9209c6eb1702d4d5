import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { registerServiceWorker } from './app/offline.ts';
import { isConnectReturnPath, relayConnectReturn } from './connect/connectReturn.ts';
import { initialLanguage, loadDictionary } from './i18n/i18n.tsx';
import { applyTheme, initialTheme } from './theme/theme.tsx';
import './styles.css';

applyTheme(initialTheme());

const root = document.getElementById('root');

if (isConnectReturnPath(window.location.pathname)) {
  // Inside Connect's iframe after a successful connection: hand the loginId to the app, render nothing.
  if (!relayConnectReturn(window)) window.location.replace('/');
} else if (root) {
  registerServiceWorker();
  // A page opening in French first gets its words, so that it never shows English before them.
  void loadDictionary(initialLanguage())
    .catch(() => undefined)
    .then(() =>
      createRoot(root).render(
        <StrictMode>
          <App />
        </StrictMode>,
      ),
    );
}
