/**
 * Partitions on a Ceph cluster: the librados C API bound through JNA ({@link
 * venti.store.rados.Librados}, the only native code of the store), the process's connection
 * to the cluster ({@link venti.store.rados.RadosCluster}), and a fixed-size byte range
 * striped over objects of a pool ({@link venti.store.rados.StripedObjects}) with its
 * read-ahead. {@code venti.store.RadosPart} makes one a partition; this package knows nothing
 * else of ours. See docs/rados.md.
 */
package venti.store.rados;
