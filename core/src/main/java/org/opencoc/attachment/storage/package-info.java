/**
 * The storage port ({@link org.opencoc.attachment.storage.AttachmentStore}), the local staging of
 * uploads shared by both adapters, and the commit protocol they follow.
 */
package org.opencoc.attachment.storage;
