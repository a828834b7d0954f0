@NullMarked
package io.github.eventsuite.eventbus.kafka;

import org.jspecify.annotations.NullMarked;
