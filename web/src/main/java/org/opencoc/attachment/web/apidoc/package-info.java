/**
 * The published contract, served by the service itself: the OpenAPI document at {@code /openapi}
 * (YAML or JSON) and the interactive API page at {@code /openapi-ui/}.
 */
package org.opencoc.attachment.web.apidoc;
