@NullMarked
package io.github.eventsuite.sensor;

import org.jspecify.annotations.NullMarked;
