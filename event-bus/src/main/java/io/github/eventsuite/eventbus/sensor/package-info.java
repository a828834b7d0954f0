@NullMarked
package io.github.eventsuite.eventbus.sensor;

import org.jspecify.annotations.NullMarked;
