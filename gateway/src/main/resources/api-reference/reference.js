// The API reference (gateway: ApiReference): Swagger UI over every service's OpenAPI description, chosen at the top.
// "Try it out" calls the gateway like any client: with the access token entered under "Authorize", or none. The token
// is kept in this page only (not stored), as the web app keeps its own.
window.addEventListener('load', () => {
  window.ui = SwaggerUIBundle({
    configUrl: 'swagger-config.json',
    dom_id: '#reference',
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
    deepLinking: true,
    persistAuthorization: false,
    displayRequestDuration: true,
  });
});
