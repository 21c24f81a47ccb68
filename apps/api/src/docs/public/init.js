// @ts-check
// Starts Swagger UI on the API's own description. A file of its own rather than swagger-ui-dist's
// inline initializer, so the page keeps the pages' policy: no inline script. No validator badge:
// it would send the document to validator.swagger.io, which the policy forbids anyway.
/** @type {any} */ (window).SwaggerUIBundle({
  url: '/docs/openapi.json',
  dom_id: '#swagger-ui',
  deepLinking: true,
  validatorUrl: null,
});
