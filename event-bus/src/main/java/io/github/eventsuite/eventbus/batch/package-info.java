@NullMarked
package io.github.eventsuite.eventbus.batch;

import org.jspecify.annotations.NullMarked;
