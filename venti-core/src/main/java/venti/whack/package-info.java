/** The C venti's whack compression codec, byte for byte: {@link venti.whack.Whack} and {@link venti.whack.Unwhack}. */
package venti.whack;
