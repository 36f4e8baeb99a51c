/** Walking Venti hash trees (pointer blocks, directories, roots) for copy and dump. */
package venti.client.tree;
