/**
 * The offline tools of venti(8) and venti-fmt(8) as library calls that take their output
 * streams: formatting, the print tools, checking, index rebuilding, arena verification,
 * repair, copying and mirroring. Used by the command line; built on the engine's public API
 * and the disk structures, never the other way round.
 */
package venti.store.admin;
