/**
 * The attachment domain: value objects that validate themselves, so an invalid doc id, ticket type or
 * file name cannot exist as an object, and the metadata kept with every stored attachment.
 */
package org.opencoc.attachment.model;
