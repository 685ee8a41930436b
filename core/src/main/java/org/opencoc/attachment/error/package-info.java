/**
 * The error model: stable {@link org.opencoc.attachment.error.ErrorCode codes} and the one exception
 * family, {@link org.opencoc.attachment.error.AttachmentException}, that every layer throws and the web
 * layer maps to the error envelope. Nothing here knows about HTTP APIs.
 */
package org.opencoc.attachment.error;
