/**
 * The Venti client: a {@link venti.client.Session} after the handshake, and the pipelined,
 * thread-safe {@link venti.client.VentiClient} on top of it.
 */
package venti.client;
