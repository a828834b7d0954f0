package io.github.eventsuite.bench;

/** One of the targets, what was measured against it, and whether it was met. */
record Target(String name, String goal, String measured, boolean met) {

}
