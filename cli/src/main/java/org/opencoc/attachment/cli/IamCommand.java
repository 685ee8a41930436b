package org.opencoc.attachment.cli;

import picocli.CommandLine.Command;

/** {@code iam}: IAM tools that run offline, on the service's own policy engine. */
@Command(name = "iam", mixinStandardHelpOptions = true,
        description = "IAM tools on the service's own policy engine (no service needed).",
        subcommands = {SimulateCommand.class})
final class IamCommand {
}
