/**
 * Every failure becomes the error envelope: one mapper per exception family, the container error page
 * for what happens before JAX-RS, and the request id on every response.
 */
package org.opencoc.attachment.web.error;
