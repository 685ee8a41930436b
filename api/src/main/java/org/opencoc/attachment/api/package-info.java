/**
 * The wire contract of the attachment API: the upload response and the error envelope, as JSON-B
 * records with MicroProfile OpenAPI schemas. No behaviour lives here.
 */
package org.opencoc.attachment.api;
