/** JMH benchmarks of the hot paths and a load harness; run on purpose, never in the test run. */
package venti.bench;
