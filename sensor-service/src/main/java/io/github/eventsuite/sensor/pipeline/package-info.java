@NullMarked
package io.github.eventsuite.sensor.pipeline;

import org.jspecify.annotations.NullMarked;
