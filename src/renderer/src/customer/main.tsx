// The customer display's page (issue 14 point 3): shows the one projection it receives through
// window.customer (its own preload; the browser harness injects the same shape). It can call nothing.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { CustomerScreen } from './CustomerScreen';
import '../styles.css';

const root = document.getElementById('customer-root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <CustomerScreen />
    </StrictMode>,
  );
}
