/**
 * The Venti wire protocol: one record per message, the version line, and the 02/04 framing,
 * byte-compatible with plan9port's libventi. Knows {@code venti.core} only.
 */
package venti.wire;
