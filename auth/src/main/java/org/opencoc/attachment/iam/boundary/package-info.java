/**
 * The container glue of IAM: reading the caller from the verified MicroProfile JWT, enforcing the
 * action named by {@link org.opencoc.attachment.iam.boundary.RequiresAction} before a resource method
 * reads its body, and writing one audit line per decision.
 */
package org.opencoc.attachment.iam.boundary;
