/**
 * The attachment resource: streaming multipart upload into staging, and download as a
 * {@code StreamingOutput} with the full set of representation and safety headers.
 */
package org.opencoc.attachment.web.attachment;
