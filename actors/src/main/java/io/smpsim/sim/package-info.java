/** The smpsim engine: simulated time, conservative windows, entities, placement. */
package io.smpsim.sim;
