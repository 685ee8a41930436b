/**
 * Token checks that need a server of their own, started as a process: its key file is rewritten by
 * the test, and its log is read. Run once, on the filesystem store.
 */
package org.opencoc.attachment.it.tokens;
