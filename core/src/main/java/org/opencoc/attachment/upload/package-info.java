/**
 * The upload rules (size, allowed types), content-type verification with Apache Tika, the optional
 * RFC 9530 client digest, and the uploader that applies them in order before publishing.
 */
package org.opencoc.attachment.upload;
