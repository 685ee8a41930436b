/**
 * Bearer-token authentication of the project's own design: each compact JWS is verified once with
 * Nimbus JOSE+JWT against the trusted keys of {@code mp.jwt.verify.publickey.location}, checked
 * strictly (form, header, claims), and kept in a bounded cache keyed by its SHA-256; the request's
 * {@link org.eclipse.microprofile.jwt.JsonWebToken} is produced from it, so application code keeps the
 * MicroProfile JWT API. {@link org.opencoc.attachment.iam.authentication.AuthenticationSettings} names
 * every configuration key.
 */
package org.opencoc.attachment.iam.authentication;
