/**
 * Development tooling shared by the scripts and the integration tests: a throwaway signing key set
 * ({@link org.opencoc.attachment.devtools.DevKeys}) and a token minter for accounts and users with
 * policies and groups ({@link org.opencoc.attachment.devtools.TokenMinter}, on the command line
 * {@link org.opencoc.attachment.devtools.DevToken}, which {@code bin/run}, {@code bin/token} and
 * {@code bench/} run).
 *
 * <p>Why main code of the test module: the tests mint their tokens with these classes, and the scripts
 * run them from {@code it-tests/target/classes} with the class path the build writes to
 * {@code it-tests/target/devtools.classpath} (nimbus-jose-jwt only), after {@code mvn package}, without
 * a module of their own. Nothing here is shipped: the WAR does not depend on this module. The servers
 * the tests start are test code ({@code org.opencoc.attachment.it.process}).
 */
package org.opencoc.attachment.devtools;
