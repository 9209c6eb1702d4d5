import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App.tsx';
import { isConnectReturnPath, relayConnectReturn } from './connect/connectReturn.ts';
import { applyTheme, initialTheme } from './theme/theme.tsx';
import './styles.css';

applyTheme(initialTheme());

const root = document.getElementById('root');

if (isConnectReturnPath(window.location.pathname)) {
  // Inside Connect's iframe after a successful connection: hand the loginId to the app, render nothing.
  if (!relayConnectReturn(window)) window.location.replace('/');
} else if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
