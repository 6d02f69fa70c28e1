// The renderer's Content Security Policy (checklist #7), sent as a header on every HTML response of app://.
// No 'unsafe-inline' / 'unsafe-eval'; the renderer may not connect anywhere: all I/O goes through window.pos.
// One string literal, so reviewers (and Electronegativity's CSP check) read exactly what is sent.
export const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'none'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
