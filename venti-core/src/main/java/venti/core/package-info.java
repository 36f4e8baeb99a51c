/**
 * The vocabulary every other package shares: scores, block types, entries and roots, units,
 * dial addresses and the {@link venti.core.BlockStore} interface that servers serve and
 * clients talk to. Depends on nothing else of ours.
 */
package venti.core;
