/**
 * The envelope for refusals that happen in Payara's HTTP layer before any web application: a Grizzly
 * hook built into its own jar ({@code coc-attachments-grizzly.jar}, classifier {@code grizzly}), put
 * on Payara Micro's class path with {@code --addlibs} and named in {@code etc/payara-preboot.asadmin}
 * as the listener's port-unification filter. Nothing here is in the WAR, and nothing here depends on
 * anything but Grizzly (docs/reliability.md, "Refusals before the application").
 */
package org.opencoc.attachment.web.grizzly;
