// The API page: Swagger UI on the service's own document (GET /openapi, relative to this page).
window.ui = SwaggerUIBundle({
  url: new URL('../openapi', window.location.href).toString(),
  dom_id: '#swagger-ui',
  deepLinking: true,
  displayOperationId: true,
  defaultModelsExpandDepth: 1,
  validatorUrl: null,
  presets: [SwaggerUIBundle.presets.apis],
  layout: 'BaseLayout'
});
