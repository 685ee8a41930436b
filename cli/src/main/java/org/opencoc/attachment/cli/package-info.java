/**
 * {@code bin/coc-attach}: the command line of the attachment service. {@link CocAttach} is the entry
 * point; each subcommand is one class. Exit codes are {@link ExitCode}.
 */
package org.opencoc.attachment.cli;
