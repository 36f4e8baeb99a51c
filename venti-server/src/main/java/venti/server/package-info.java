/**
 * The Venti protocol server: accepting connections, one virtual thread per connection
 * reading frames and pipelining requests to a {@link venti.core.BlockStore}. Uses the
 * store's public API only.
 */
package venti.server;
