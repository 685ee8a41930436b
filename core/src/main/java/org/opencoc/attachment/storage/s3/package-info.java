/**
 * The S3 adapter of the storage port: attachments as objects in one bucket of an S3-compatible store
 * (AWS S3, S3Proxy, MinIO, Ceph RGW, ...), shared by any number of stateless instances. Uploads are
 * staged on local disk first, then published with one atomic PutObject carrying the metadata as user
 * metadata and the SHA-256 as the object checksum. No AWS SDK type crosses the package boundary.
 */
package org.opencoc.attachment.storage.s3;
