/**
 * Development tooling shared by the run script and the integration tests: a throwaway signing key set
 * and a token minter for accounts and users with policies and groups.
 */
package org.opencoc.attachment.devtools;
