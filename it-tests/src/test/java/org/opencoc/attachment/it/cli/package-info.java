/**
 * {@code bin/coc-attach} as a user runs it, as a process against one real Payara Micro: round trips,
 * a download cut by a proxy and resumed, a tampered stored file, a 503 outlasted by retries, exit codes,
 * and the JSON log format of the same server.
 */
package org.opencoc.attachment.it.cli;
