/**
 * The HTTP status server of the C venti: its pages, {@code /set} variables and Prometheus
 * metrics. Reads the store through its public API and the disk values it hands out.
 */
package venti.http;
