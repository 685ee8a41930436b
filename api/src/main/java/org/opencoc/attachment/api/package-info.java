/**
 * The wire contract of the attachment API: the upload response and the error envelope, as JSON-B
 * records. The OpenAPI document that describes them is
 * {@code web/src/main/resources/META-INF/openapi.yaml}. No behaviour lives here.
 */
package org.opencoc.attachment.api;
