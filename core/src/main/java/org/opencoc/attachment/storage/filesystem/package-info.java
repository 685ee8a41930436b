/** The filesystem adapter of the storage port: the embedded default, zero setup, one process per root. */
package org.opencoc.attachment.storage.filesystem;
