@NullMarked
package io.github.eventsuite.analytics.sensors;

import org.jspecify.annotations.NullMarked;
